"""Which links are safe to make clickable: http(s), mailto and relative ones.

A page's ``url_pdf``, ``url_custom``, ``links`` or an imported reference's URL ends up as an
``href`` on the served publication page. A ``javascript:`` (or ``data:``, ``vbscript:``) link
there runs in the catalog's origin when clicked, so only the schemes below become links; the
reader (``catalog lint``) and ``catalog import`` report every other scheme as a problem line.

The scheme is read as a browser reads it (WHATWG URL standard): leading and trailing C0
controls and spaces are dropped and every tab and newline is removed first, so that
``" JaVa\\tScript:alert(1)"`` is the ``javascript`` scheme, as Chromium sees it.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes rendered as links; a URL without a scheme (relative) is rendered too."""

SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})
"""Schemes that run script or inline content in the page that links them."""

_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_AND_NEWLINES = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url``, lower case; None for a relative URL.

    >>> url_scheme("https://doi.org/10.1/x")
    'https'
    >>> url_scheme(" \\x01JaVa\\tScRiPt:alert(1)")
    'javascript'
    >>> url_scheme("files/paper.pdf") is None
    True
    >>> url_scheme("/uploads/a:b.pdf") is None
    True
    """
    cleaned = url.strip(_C0_AND_SPACE).translate(_TAB_AND_NEWLINES)
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else None


def is_safe_url(url: str) -> bool:
    """True when ``url`` may be an ``href``: http(s), mailto, or relative.

    >>> is_safe_url("http://example.org"), is_safe_url("../x.pdf")
    (True, True)
    >>> is_safe_url("javascript:alert(1)"), is_safe_url("ftp://example.org/x")
    (False, False)
    """
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def unsafe_url_message(url: str) -> str | None:
    """Why ``url`` is not rendered as a link, as a problem message; None when it is safe.

    >>> unsafe_url_message("https://example.org") is None
    True
    >>> unsafe_url_message("JavaScript:alert(1)").split(";")[0]
    'the javascript: link runs script when clicked'
    """
    scheme = url_scheme(url)
    if scheme is None or scheme in SAFE_SCHEMES:
        return None
    if scheme in SCRIPT_SCHEMES:
        return (f"the {scheme}: link runs script when clicked; only http(s), mailto and "
                "relative links are shown as links")
    return (f"the {scheme}: link is shown as text, not as a link; only http(s), mailto and "
            "relative links are shown as links")
