"""evidence-catalog: turn a Hugo publication folder into a queryable evidence database."""

from .models import Author, Link, ParsedPage, Publication
from .problems import Problem, Severity

__version__ = "0.1.0"

__all__ = ["Author", "Link", "ParsedPage", "Problem", "Publication", "Severity", "__version__"]
