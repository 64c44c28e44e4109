"""Trial registry identifiers, which link the reports of one trial.

``NCT04371393`` (also ``ID:NCT04371393``), ``ISRCTN73485024`` and ``ISRCTN 73485024``,
EudraCT ``2020-001234-56``, ``ACTRN12612000123456``, ``ChiCTR2000029308`` and
``ChiCTR-IOR-17013523``, ``DRKS00012345``, ``CTRI/2020/05/025114``, PROSPERO
``CRD42020123456``, ``UMIN000012345``. ``registry`` is the registry's canonical name,
``identifier`` the id as written without spaces; the span is the id itself.

A EudraCT number (``2020-001234-56``) carries no prefix of its own, so it is taken only
from an abstract that names EudraCT somewhere.

Speed: each registry's pattern starts with its literal prefix, which ``re`` finds by
fast search, and runs only when the text holds that prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .numbers import Candidate, contains, rarest

_END = r"(?![\w/-])"  # the id ends here: not NCT0437139312

REGISTRIES: list[tuple[str, str, re.Pattern]] = [
    # (canonical name, text that must occur, pattern)
    ("ClinicalTrials.gov", "NCT", re.compile(rf"NCT(?<![\w/-]NCT)\ ?\d{{8}}{_END}", re.X)),
    ("ISRCTN", "ISRCTN", re.compile(rf"ISRCTN(?<![\w/-]ISRCTN)\ ?\d{{8}}{_END}", re.X)),
    ("ANZCTR", "ACTRN", re.compile(rf"ACTRN(?<![\w/-]ACTRN)\ ?\d{{14}}{_END}", re.X)),
    ("ChiCTR", "ChiCTR", re.compile(rf"""ChiCTR(?<![\w/-]ChiCTR)
                                          (?:-[A-Z]{{2,5}})?-?\d{{8,10}}{_END}""", re.X)),
    ("DRKS", "DRKS", re.compile(rf"DRKS(?<![\w/-]DRKS)\ ?\d{{8}}{_END}", re.X)),
    ("CTRI", "CTRI/", re.compile(rf"CTRI/(?<![\w/-]CTRI/)\d{{4}}/\d{{2,3}}/\d{{5,6}}{_END}",
                                 re.X)),
    ("PROSPERO", "CRD", re.compile(rf"CRD(?<![\w/-]CRD)\ ?\d{{11}}{_END}", re.X)),
    ("UMIN-CTR", "UMIN", re.compile(rf"UMIN(?<![\w/-]UMIN)\ ?\d{{9}}{_END}", re.X)),
    ("EudraCT", "udraCT", re.compile(rf"[12](?<![\w/-][12])[09]\d\d-\d{{6}}-\d{{2}}{_END}")),
]
"""Each registry with its id pattern; a EudraCT id needs "EudraCT" in the abstract."""

_RARE = [rarest(marker) for _, marker, _ in REGISTRIES]
"""The rarest character of each marker: a text without it is not searched for the marker,
a search several times slower (see :func:`~.numbers.contains`)."""


def find(norm: str) -> Iterator[Candidate]:
    """Every registry identifier in the text."""
    for (registry, marker, pattern), rare in zip(REGISTRIES, _RARE, strict=True):
        if (rare not in norm or marker not in norm) and not (
                registry == "EudraCT" and contains(norm, ("EUDRACT",))):
            continue
        for m in pattern.finditer(norm):
            yield Candidate(m.start(), m.end(), "registration",
                            {"registry": registry, "identifier": m.group().replace(" ", "")},
                            rank=1)
