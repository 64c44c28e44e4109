"""Which links become clickable: the scheme as a browser reads it."""

import doctest

import pytest

from catalog import urls
from catalog.urls import is_safe_url, unsafe_url_message, url_scheme

SCHEMES = [
    ("https://doi.org/10.1/x", "https"),
    ("HTTP://example.org", "http"),
    ("mailto:someone@example.org", "mailto"),
    ("javascript:alert(1)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    (" javascript:alert(1)", "javascript"),           # leading space, dropped by browsers
    ("\x00\x1fjavascript:alert(1)", "javascript"),    # leading C0 controls
    ("java\tscript:alert(1)", "javascript"),          # tabs and newlines are removed
    ("java\nscr\ript:alert(1)", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("ftp://example.org/x", "ftp"),
    ("doi:10.1/x", "doi"),
    ("files/paper.pdf", None),
    ("/uploads/paper.pdf", None),
    ("../paper.pdf", None),
    ("//example.org/x", None),                          # protocol-relative: the page's scheme
    ("#abstract", None),
    ("?a=b:c", None),
    ("1http:x", None),                                  # a scheme starts with a letter
]


@pytest.mark.parametrize(("url", "scheme"), SCHEMES, ids=[repr(u) for u, _ in SCHEMES])
def test_url_scheme(url, scheme):
    assert url_scheme(url) == scheme
    assert is_safe_url(url) == (scheme in (None, "http", "https", "mailto"))
    assert (unsafe_url_message(url) is None) == is_safe_url(url)


def test_script_schemes_are_named_as_running_script():
    assert "runs script" in unsafe_url_message(" JavaScript:void(0)")
    assert "shown as text" in unsafe_url_message("ftp://example.org/x")


def test_doctests():
    assert doctest.testmod(urls).failed == 0
