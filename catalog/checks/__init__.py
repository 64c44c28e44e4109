"""Do the numbers agree? Pure, rounding-aware rules over extracted results.

A reported value with d decimals stands for every value within half a unit of its last
place: ``37.5`` stands for [37.45, 37.55]. Each rule states what it computed and the
interval it used in its message, ending in its verdict, so a reader can redo the
arithmetic. Rules take results, never text, so they can be driven by generated values
as well as by abstracts. Each rule is ``(results) -> Iterator[Check]``; a check names
the results it used by their indexes in the page's list.

Statuses: ``pass`` and ``fail``; ``warn`` for a doubtful disagreement (a near miss
within a rule's tolerance, or one behind the plausibility gate, which is more often an
extraction error than an author error); ``info`` for a disagreement with an honest
explanation (an adjusted or model-based estimate, another interval method, arms of
another population); ``skip`` only where a rule's results are all there but the rule
cannot apply to them (a hazard ratio next to two arms' counts; a zero count). Where a
rule's results are missing (no CI, no p) it yields nothing.

Rules, by module:

* :mod:`.counts`: percent_matches_counts, events_within_group, arms_sum_to_total
* :mod:`.intervals`: estimate_inside_ci, ci_log_symmetry, p_matches_ci,
  significance_matches_ci (the tolerances and the plausibility gate are described there)
* :mod:`.comparisons`: ratio_from_counts
* :mod:`.bounds`: median_iqr_ordered, p_in_unit_interval, spread_not_negative
* :mod:`.statistics`: p_matches_statistic (p recomputed from t, F, chi-square, z, r, Q;
  decision errors named), grim (means of whole numbers against their n)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..results import Check, Result
from .bounds import median_iqr_ordered, p_in_unit_interval, spread_not_negative
from .comparisons import ratio_from_counts
from .counts import arms_sum_to_total, events_within_group, percent_matches_counts
from .intervals import (
    ci_log_symmetry,
    estimate_inside_ci,
    implausible,
    p_matches_ci,
    significance_matches_ci,
)
from .rounding import reported_range
from .statistics import grim, p_matches_statistic

__all__ = [
    "RULES",
    "Rule",
    "arms_sum_to_total",
    "check",
    "ci_log_symmetry",
    "estimate_inside_ci",
    "events_within_group",
    "grim",
    "implausible",
    "median_iqr_ordered",
    "p_in_unit_interval",
    "p_matches_ci",
    "p_matches_statistic",
    "percent_matches_counts",
    "ratio_from_counts",
    "reported_range",
    "significance_matches_ci",
    "spread_not_negative",
]

Rule = Callable[[Sequence[Result]], Iterator[Check]]

RULES: tuple[Rule, ...] = (
    percent_matches_counts,
    events_within_group,
    estimate_inside_ci,
    ci_log_symmetry,
    p_matches_ci,
    significance_matches_ci,
    ratio_from_counts,
    arms_sum_to_total,
    median_iqr_ordered,
    p_in_unit_interval,
    spread_not_negative,
    p_matches_statistic,
    grim,
)
"""Every rule, run in this order."""


def check(results: Sequence[Result], rules: tuple[Rule, ...] = RULES) -> list[Check]:
    """Every check the rules make of one page's results."""
    return [c for rule in rules for c in rule(results)]
