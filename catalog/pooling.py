"""Random-effects pooling of effect sizes: DerSimonian-Laird and REML, as metafor's ``rma``.

Hand-written rather than statsmodels' ``combine_effects``: statsmodels brings numpy, pandas
and scipy, and with numpy installed sqlite-utils imports it in every command (measured on
this project: ``import sqlite_utils`` 0.09 s without numpy, 0.43-0.56 s with it;
``import statsmodels.stats.meta_analysis`` 1.1 s), and ``combine_effects`` has no REML.
The estimators are a few lines each, cited below, and the tests check them against
metafor's documented figures for the BCG vaccine trials (``dat.bcg``).

With ``y_i`` the effects, ``v_i`` their variances, ``w_i = 1 / v_i``, ``k`` studies:

- Cochran's ``Q = sum w_i (y_i - mu_FE)^2`` with ``mu_FE = sum w_i y_i / sum w_i``,
  ``k - 1`` degrees of freedom (Cochran 1954).
- DerSimonian-Laird: ``tau^2 = max(0, (Q - (k - 1)) / (sum w_i - sum w_i^2 / sum w_i))``
  (DerSimonian & Laird, Control Clin Trials 1986;7:177-88).
- REML: the fixed point ``tau^2 = sum w*_i^2 ((y_i - mu)^2 - v_i) / sum w*_i^2
  + 1 / sum w*_i`` with ``w*_i = 1 / (v_i + tau^2)``, iterated from the DL value and kept
  at zero or above (Viechtbauer, J Educ Behav Stat 2005;30:261-93, eq. 12).
- The pooled ``mu = sum w*_i y_i / sum w*_i``, ``se = 1 / sqrt(sum w*_i)``, its interval
  ``mu +- z se`` and the prediction interval ``mu +- z sqrt(se^2 + tau^2)`` (metafor's
  ``predict`` with its default normal quantile; Riley et al., BMJ 2011;342:d549).
- ``I^2 = tau^2 / (tau^2 + s^2)`` and ``H^2 = (tau^2 + s^2) / s^2`` with the typical
  within-study variance ``s^2 = (k - 1) sum w_i / ((sum w_i)^2 - sum w_i^2)`` (Higgins &
  Thompson, Stat Med 2002;21:1539-58, as metafor computes them for every estimator).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from statistics import NormalDist

METHODS = ("REML", "DL")
"""The estimators of tau^2 :func:`pool` takes, the default first."""

REML_ITERATIONS = 100
REML_TOLERANCE = 1e-10


@dataclass(frozen=True)
class Pooled:
    """A random-effects summary of ``k`` effects, on their pooling scale (log for ratios)."""

    method: str
    k: int
    estimate: float
    se: float
    ci_lower: float
    ci_upper: float
    pi_lower: float
    pi_upper: float
    tau2: float
    i2: float  # percent
    h2: float
    q: float
    df: int
    q_p: float
    level: float = 95

    def to_dict(self) -> dict:
        """The fields, for JSON."""
        return asdict(self)


def chi2_sf(x: float, df: int) -> float:
    """``P(X > x)`` for a chi-square with whole ``df``: the closed forms of Abramowitz &
    Stegun 26.4.4 (odd df) and 26.4.5 (even df).

    >>> round(chi2_sf(3.841459, 1), 4), round(chi2_sf(5.991465, 2), 4)
    (0.05, 0.05)
    """
    if x <= 0:
        return 1.0
    half = x / 2
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for j in range(1, df // 2):
            term *= half / j
            total += term
        return min(1.0, math.exp(-half) * total)
    total = math.erfc(math.sqrt(half))
    term = math.sqrt(half) / math.gamma(1.5)  # (x/2)^(1/2) / Gamma(3/2)
    for j in range(1, (df + 1) // 2):
        total += math.exp(-half) * term
        term *= half / (j + 0.5)
    return min(1.0, total)


def _tau2_dl(y: Sequence[float], v: Sequence[float], q: float) -> float:
    w = [1 / vi for vi in v]
    c = sum(w) - sum(wi * wi for wi in w) / sum(w)
    return max(0.0, (q - (len(y) - 1)) / c) if c > 0 else 0.0


def _tau2_reml(y: Sequence[float], v: Sequence[float], start: float) -> float:
    tau2 = start
    for _ in range(REML_ITERATIONS):
        w = [1 / (vi + tau2) for vi in v]
        mu = sum(wi * yi for wi, yi in zip(w, y, strict=True)) / sum(w)
        w2 = sum(wi * wi for wi in w)
        new = max(0.0, sum(wi * wi * ((yi - mu) ** 2 - vi)
                           for wi, yi, vi in zip(w, y, v, strict=True)) / w2 + 1 / sum(w))
        if abs(new - tau2) < REML_TOLERANCE:
            return new
        tau2 = new
    return tau2


def pool(y: Sequence[float], v: Sequence[float], method: str = "REML",
         level: float = 95) -> Pooled | None:
    """The random-effects summary of effects ``y`` with variances ``v`` (see the module's
    docstring for the formulas); None for fewer than two effects or a variance that is not
    positive, where there is nothing to pool."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    k = len(y)
    if k < 2 or len(v) != k or any(not vi > 0 for vi in v):
        return None
    w = [1 / vi for vi in v]
    sw = sum(w)
    mu_fe = sum(wi * yi for wi, yi in zip(w, y, strict=True)) / sw
    q = sum(wi * (yi - mu_fe) ** 2 for wi, yi in zip(w, y, strict=True))
    tau2 = _tau2_dl(y, v, q)
    if method == "REML":
        tau2 = _tau2_reml(y, v, tau2)
    ws = [1 / (vi + tau2) for vi in v]
    mu = sum(wi * yi for wi, yi in zip(ws, y, strict=True)) / sum(ws)
    se = 1 / math.sqrt(sum(ws))
    z = NormalDist().inv_cdf(0.5 + level / 200)
    typical = (k - 1) * sw / (sw * sw - sum(wi * wi for wi in w))
    spread = math.sqrt(se * se + tau2)
    return Pooled(method=method, k=k, estimate=mu, se=se, ci_lower=mu - z * se,
                  ci_upper=mu + z * se, pi_lower=mu - z * spread, pi_upper=mu + z * spread,
                  tau2=tau2, i2=100 * tau2 / (tau2 + typical), h2=(tau2 + typical) / typical,
                  q=q, df=k - 1, q_p=chi2_sf(q, k - 1), level=level)
