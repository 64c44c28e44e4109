"""Results and checks: the data passed from extraction to checking to loading.

Every result keeps the exact text it came from: ``abstract[start:end] == text`` on the
abstract as parsed from the front matter. Reported numbers are :class:`~decimal.Decimal`
made from the matched text, so ``42.70`` keeps its two decimals for rounding checks.
Results of one statement (a sentence) share ``statement``, so that checks can use a ratio
together with the two arms it compares.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The abstract's text, exactly: abstract[start:end]")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    statement: int = Field(0, description="Index of the sentence the result sits in")

    @model_validator(mode="after")
    def _span(self) -> _Result:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span {self.start}:{self.end} does not fit {self.text!r}")
        return self


class IntervalType(StrEnum):
    CI = "CI"
    CRI = "CrI"
    UI = "UI"
    PI = "PI"


class _Interval(BaseModel):
    """The fields an estimate with an interval shares."""

    ci_type: IntervalType | None = Field(None, description="CI, CrI, UI or PI, as named; "
                                                           "None when the text names none")
    ci_level: Decimal | None = Field(None, description="e.g. 95 for a 95% CI")
    ci_lower: Decimal | None = None
    ci_upper: Decimal | None = None


class _About(BaseModel):
    """What an estimate is of: the words of its clause naming the outcome or comparison."""

    about: str | None = Field(None, description="The outcome or comparison the estimate is "
                              "of (30-day mortality, ventilator-free days), as written")
    about_start: int | None = Field(None, ge=0, description="Offset of `about` in the "
                                    "abstract")
    about_end: int | None = Field(None, ge=0)


class _PValueOf(BaseModel):
    """The p-value reported in the same statement as an estimate."""

    p_comparator: str | None = Field(None, description="=, <, >, <= or >=")
    p_value: Decimal | None = None
    p_ns: bool = Field(False, description="Reported only as not significant (NS)")


class Proportion(_Interval, _Result):
    """``42/112 (37.5%)``, ``37.5% (42/112)``, ``42 of 112``, ``42 (37.5%)``, and a
    percentage with its interval (``62% (95% CI 44 to 72)``)."""

    kind: Literal["proportion"] = "proportion"
    numerator: int | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    denominator_inferred: bool = Field(False, description="The group size is not written "
                                       "with the count but taken from an 'Of N people' "
                                       "earlier in the sentence")

    @property
    def estimate(self) -> Decimal | None:
        """The percentage, the estimate its interval is about."""
        return self.percent

    @property
    def measure(self) -> str:
        """What the estimate is, for the checks' messages."""
        return "percent"


class Ratio(_Interval, _PValueOf, _About, _Result):
    """RR, OR, HR, IRR, rate ratio, sub-hazard ratio... with its interval and p-value."""

    kind: Literal["ratio"] = "ratio"
    measure: str = Field(description="RR, OR, HR, IRR, RateR, SHR, ... (canonical)")
    adjusted: bool = False
    estimate: Decimal


class Difference(_Interval, _PValueOf, _About, _Result):
    """MD, RD, ARR, percentage points, SMD, Cohen's d, Hedges' g... with its interval."""

    kind: Literal["difference"] = "difference"
    measure: str
    estimate: Decimal
    unit: str | None = None
    sign_from_words: bool = Field(False, description="Written without a minus, but the "
                                  "words say a decrease (reduced by 2.1, 0.21 fewer): the "
                                  "estimate and its interval are negative")
    se: Decimal | None = Field(None, description="The estimate's standard error, where it "
                                                 "is written instead of an interval")


class PValue(_Result):
    """A p-value standing alone: ``p=0.43``, ``P < .001``, ``p = 1.2 x 10^-5``, ``NS``."""

    kind: Literal["p_value"] = "p_value"
    comparator: str | None = Field(None, description="=, <, >, <= or >=; None for NS")
    value: Decimal | None = None
    label: str | None = Field(None, description="trend, interaction, ...")
    ns: bool = Field(False, description="Reported only as not significant")


class Interval(_Interval, _PValueOf, _About, _Result):
    """An estimate with an interval but no named ratio or difference: ``95% CI 0.64 to
    1.21`` alone, or with the number it is given for: ``8.4 days (95% CI 7.9 to 8.9)``,
    ``a mean of 61.2 (95% CI 58.1 to 64.3)``, ``prevalence 12% (95% CI 9-15)``."""

    kind: Literal["ci"] = "ci"
    ci_type: IntervalType = IntervalType.CI
    ci_lower: Decimal
    ci_upper: Decimal
    estimate: Decimal | None = Field(None, description="The number the interval is given "
                                     "for, when it stands just before it (8.4 in 8.4 days "
                                     "(95% CI 7.9 to 8.9)); None for an interval alone")
    measure: Literal["estimate", "mean", "median"] = Field(
        "estimate", description="mean or median where the text says so; else estimate")
    unit: str | None = Field(None, description="% when the estimate is written as a "
                             "percentage, as for a difference")


class MeanSD(_Result):
    """``12.4 (SD 3.1)``, ``12.4 ± 3.1``, SE variants; whether its values are whole numbers."""

    kind: Literal["mean_sd"] = "mean_sd"
    mean: Decimal
    spread: Decimal
    spread_type: Literal["SD", "SE", "unstated"] = Field(
        "SD", description="SD or SE as the text says; unstated for a bare ±")
    whole_numbers: bool = Field(False, description="The text says each value averaged is a "
                                "whole number (a count, a Likert item, a rating on a 1-7 "
                                "scale): the GRIM test applies")


class MedianIQR(_Result):
    """``117.3 [IQR 60.0, 169.5]``, ``(IQR: 60.0-169.5)``, Q1-Q3, range."""

    kind: Literal["median_iqr"] = "median_iqr"
    median: Decimal
    lower: Decimal
    upper: Decimal
    spread_type: Literal["IQR", "range"] = "IQR"


class SampleSize(_Result):
    """``n=222``, ``N randomised``, per arm, analysed, ``n=222 out of planned 300``."""

    kind: Literal["sample_size"] = "sample_size"
    n: int
    role: Literal["total", "randomised", "arm", "analysed", "enrolled", "studies"] = "total"
    planned: int | None = None
    written: bool = Field(False, description="Spelled out in words")
    allocated: bool = Field(False, description="An arm whose sentence names it a group "
                            "the participants were randomised, allocated or assigned to")


class TimeWindow(_Result):
    """``30-day``, ``Thirty-day``, ``within 60 days``: a time frame, not a count."""

    kind: Literal["time_window"] = "time_window"
    value: Decimal
    unit: Literal["minute", "hour", "day", "week", "month", "year"]
    written: bool = False


class TestStatistic(_PValueOf, _Result):
    """``t(28) = 2.31, p = .03``, ``F(2, 117) = 4.5``, ``χ2(1, N = 90) = 3.9``, ``z = 1.96``,
    ``r(48) = .32``, ``Q(12) = 20.1``, ``F(1, 40) < 1``, with the p-value of its clause."""

    __test__ = False  # not a pytest test class, whatever its name

    kind: Literal["test_statistic"] = "test_statistic"
    statistic: Literal["t", "F", "chi2", "z", "r", "Q", "Qw", "Qb"] = Field(
        description="t, F, chi2, z, r (correlation), Q (heterogeneity), Qw or Qb (its "
                    "within- or between-groups part)")
    comparator: str = Field("=", description="=, <, >, <= or >=: how the value is given")
    df1: Decimal | None = None
    df2: Decimal | None = None
    value: Decimal
    n: int | None = Field(None, description="The N of an APA chi-square: χ2(1, N = 90)")
    one_tailed: bool = Field(False, description="The sentence says the test is one-tailed "
                                                "(one-sided)")
    p_corrected: bool = Field(False, description="The sentence says its p-values are "
                              "corrected (Bonferroni, Holm, FDR, adjusted p)")


class Registration(_Result):
    """A trial registry identifier: ``NCT04371393``, ``ISRCTN...``, ``CRD42...``."""

    kind: Literal["registration"] = "registration"
    registry: str
    identifier: str


Result = Annotated[
    Proportion | Ratio | Difference | PValue | Interval | MeanSD | MedianIQR | SampleSize
    | TimeWindow | TestStatistic | Registration,
    Field(discriminator="kind"),
]
"""Any extracted result, tagged by ``kind``."""


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    INFO = "info"
    SKIP = "skip"


STATUS_MEANINGS: dict[str, str] = {
    "fail": "the numbers as printed cannot all be true: no rounding of any of them, and no "
            "other reading an expert would take, makes them agree",
    "warn": "they disagree as read, but a reading an expert would accept makes them agree "
            "(the message names it), or the gap is so large that a misreading is likelier",
    "info": "they disagree, with an honest explanation: an adjusted or model-based estimate, "
            "another interval method, groups that may count another population",
    "pass": "they agree within the rounding of every number as written",
    "skip": "the rule's numbers are all there, but the rule cannot apply to them",
}
"""What each status promises a reader: the legend of the publication page and the README."""


class Check(BaseModel):
    """The outcome of one consistency rule over one or more results."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    check: str = Field(description="Rule name, e.g. percent_matches_counts")
    status: Status
    message: str = Field(description="What was computed, the interval used, the verdict")
    results: list[int] = Field(description="Indexes into the page's results")


class Evidence(BaseModel):
    """What one page's abstract says in numbers, and whether they agree."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    abstract_line: int | None = Field(None, description="File line of the abstract, for "
                                                        "problems about its numbers")
    results: list[Result] = []
    checks: list[Check] = []

    def to_dict(self) -> dict:
        """The JSON shape of ``catalog extract --json``."""
        return {
            "path": self.path,
            "results": [r.model_dump(mode="json") for r in self.results],
            "checks": [c.model_dump(mode="json") for c in self.checks],
        }
