"""Plain forms of front-matter values: JSON-safe copies and venue text without markup."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any


def to_plain(value: Any) -> Any:
    """A JSON-safe copy of a front-matter value (dates as ISO text, keys as strings)."""
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Underscores emphasise only at word boundaries (snake_case_names stay as they are).
_MD_EMPHASIS = re.compile(r"(\*{1,3}|`|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_HTML_TAG = re.compile(r"<[^>]{0,200}>")


@lru_cache(maxsize=4096)  # a venue recurs on many pages, and is read twice for each
def markdown_to_plain(text: str) -> str:
    """Venue text without Markdown emphasis, links, HTML tags or entities."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _HTML_TAG.sub("", text)
    return " ".join(html.unescape(text).replace("\\", "").split())
