"""evidence-catalog: turn a Hugo publication folder into a queryable evidence database.

The models are re-exported lazily (PEP 562): ``import catalog`` alone, as every command
does through ``catalog.cli``, must not build them; ``catalog --help`` needs none.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Author", "Link", "ParsedPage", "Problem", "Publication", "Severity", "__version__"]

_EXPORTS = {"Author": "models", "Link": "models", "ParsedPage": "models",
            "Publication": "models", "Problem": "problems", "Severity": "problems"}

if TYPE_CHECKING:
    from .models import Author, Link, ParsedPage, Publication
    from .problems import Problem, Severity


def __getattr__(name: str) -> object:
    """The re-exported models, imported on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
