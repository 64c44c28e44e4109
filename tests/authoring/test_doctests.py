"""The examples in the authoring modules' docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["entry", "latex", "medline", "names", "plan", "reference", "scaffold", "slugs", "values"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"catalog.authoring.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
