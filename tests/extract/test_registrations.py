"""Trial registry identifiers: canonical registry names, ids without spaces.

The ids are real or well-formed examples; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from catalog.extract import extract


def registrations(text: str) -> list[tuple]:
    """(text, registry, identifier)."""
    return [(r.text, r.registry, r.identifier)
            for r in extract(text) if r.kind == "registration"]


CASES = [
    pytest.param("available at www. CLINICALTRIALS: gov, ID:NCT04371393.",
                 [("NCT04371393", "ClinicalTrials.gov", "NCT04371393")], id="seed-id-colon"),
    pytest.param("the primary end point (NCT04280705).",
                 [("NCT04280705", "ClinicalTrials.gov", "NCT04280705")], id="nct-in-brackets"),
    pytest.param("Registration: ISRCTN86750102; NCT00375258.",
                 [("ISRCTN86750102", "ISRCTN", "ISRCTN86750102"),
                  ("NCT00375258", "ClinicalTrials.gov", "NCT00375258")], id="two-registries"),
    pytest.param("registered as ISRCTN 73485024", [("ISRCTN 73485024", "ISRCTN",
                                                     "ISRCTN73485024")],
                 id="isrctn-with-space"),
    pytest.param("EudraCT number 2020-001234-56.", [("2020-001234-56", "EudraCT",
                                                      "2020-001234-56")], id="eudract"),
    pytest.param("ANZCTR: ACTRN12612000123456", [("ACTRN12612000123456", "ANZCTR",
                                                   "ACTRN12612000123456")], id="anzctr"),
    pytest.param("ChiCTR2000029308 and ChiCTR-IOR-17013523",
                 [("ChiCTR2000029308", "ChiCTR", "ChiCTR2000029308"),
                  ("ChiCTR-IOR-17013523", "ChiCTR", "ChiCTR-IOR-17013523")], id="chictr"),
    pytest.param("German register DRKS00012345.", [("DRKS00012345", "DRKS", "DRKS00012345")],
                 id="drks"),
    pytest.param("CTRI/2020/05/025114 in India", [("CTRI/2020/05/025114", "CTRI",
                                                    "CTRI/2020/05/025114")], id="ctri"),
    pytest.param("PROSPERO CRD42020123456", [("CRD42020123456", "PROSPERO",
                                               "CRD42020123456")], id="prospero"),
    pytest.param("UMIN-CTR: UMIN000012345", [("UMIN000012345", "UMIN-CTR", "UMIN000012345")],
                 id="umin"),
    # not registrations
    pytest.param("NCT0437139 is one digit short", [], id="nct-too-short"),
    pytest.param("NCT043713931 is one digit long", [], id="nct-too-long"),
    pytest.param("code XNCT04371393", [], id="inside-a-word"),
    pytest.param("ISRCTN1234567 lacks a digit", [], id="isrctn-too-short"),
    pytest.param("batch 2020-001234-56 of the vaccine", [], id="eudract-shape-without-eudract"),
    pytest.param("enrolled 2020-03-31", [], id="date"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_registrations(text, expected):
    assert registrations(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("NCT" * 33_000, id="prefixes"),
    pytest.param("NCT0" * 25_000, id="prefix-digit"),
    pytest.param("EudraCT 2020-" * 8_000, id="eudract-starts"),
    pytest.param("CTRI/2020/" * 10_000, id="ctri-starts"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
