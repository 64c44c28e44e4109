"""Random-effects pooling: metafor's documented BCG figures, and the degenerate cases."""

from __future__ import annotations

import math

import pytest
from test_forest import BCG, assert_documented

from catalog.pooling import METHODS, chi2_sf, pool


def _bcg() -> tuple[list[float], list[float]]:
    """escalc(measure="RR") of dat.bcg: log risk ratios and their variances."""
    y = [math.log(a / n1) - math.log(c / n2) for _, _, a, n1, c, n2 in BCG]
    v = [1 / a - 1 / n1 + 1 / c - 1 / n2 for _, _, a, n1, c, n2 in BCG]
    return y, v


@pytest.mark.parametrize("method", METHODS)
def test_bcg_matches_metafor_to_its_printed_decimals(method):
    pooled = pool(*_bcg(), method).to_dict()
    assert_documented(pooled, method)
    assert pooled["df"] == len(BCG) - 1 and pooled["q_p"] < 1e-4


def test_prediction_interval_is_wider_than_the_confidence_interval():
    pooled = pool(*_bcg(), "REML")
    assert pooled.pi_lower < pooled.ci_lower < pooled.estimate < pooled.ci_upper < pooled.pi_upper
    spread = math.sqrt(pooled.se ** 2 + pooled.tau2)
    assert pooled.pi_upper - pooled.estimate == pytest.approx(1.959963984540054 * spread)


@pytest.mark.parametrize("method", METHODS)
def test_identical_effects_have_no_heterogeneity(method):
    pooled = pool([0.2, 0.2, 0.2], [0.01, 0.04, 0.02], method)
    assert (pooled.tau2, pooled.i2, pooled.q) == (0, 0, pytest.approx(0))
    assert pooled.estimate == pytest.approx(0.2)
    # With tau² = 0 the summary is the inverse-variance (fixed-effect) one.
    assert pooled.se == pytest.approx(1 / math.sqrt(100 + 25 + 50))


@pytest.mark.parametrize(("y", "v"), [
    ([], []),
    ([0.1], [0.01]),                 # one study: nothing to pool
    ([0.1, 0.2], [0.01, 0]),         # a variance that is not positive
    ([0.1, 0.2], [0.01, -0.02]),
    ([0.1, 0.2], [0.01]),            # lengths differ
])
def test_nothing_to_pool_is_none(y, v):
    assert pool(y, v) is None


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="REML, DL"):
        pool([0.1, 0.2], [0.01, 0.02], "PM")


@pytest.mark.parametrize(("x", "df", "p"), [
    (3.841459, 1, 0.05), (5.991465, 2, 0.05), (7.814728, 3, 0.05), (9.487729, 4, 0.05),
    (21.02607, 12, 0.05), (26.21697, 12, 0.01), (0, 5, 1.0), (152.233, 12, 1.9968e-26),
])
def test_chi_square_tail(x, df, p):
    assert chi2_sf(x, df) == pytest.approx(p, rel=1e-4)
