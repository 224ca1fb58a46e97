"""The bundled submissions: Peterborough as published (with the council's own
edits of its file) and clean synthetic ones; and the published project plan."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..model import Submission
from ..reference import ReferenceData
from ._peterborough import PETERBOROUGH_OVERRIDES, PETERBOROUGH_STRAY, peterborough, published
from ._synthetic import CLEAN_SAMPLE_HWB, synthetic

SAMPLE_FILES = {"peterborough-2014-16.xlsx": "peterborough",
                "synthetic-hwb-001-clean.xlsx": "clean"}
CLEAN_SAMPLE_SEED = 1
#: The published Peterborough & Cambridgeshire project plan, written as of a
#: fixed status date so that writing it again changes only its timestamps.
PLAN_SAMPLE_FILE = "peterborough-cambridgeshire-project-plan-2017-19.xlsx"
PLAN_STATUS_DATE = datetime.date(2018, 1, 1)


def sample(name: str, reference: ReferenceData | None = None) -> Submission:
    """A bundled sample by name: 'peterborough' or 'clean'."""
    if name == "peterborough":
        return peterborough(reference)
    return synthetic(CLEAN_SAMPLE_SEED, CLEAN_SAMPLE_HWB, reference=reference)


def write_samples(folder: str | Path, reference: ReferenceData | None = None) -> list[Path]:
    """Write the bundled samples (the two submissions and the project plan) to ``folder``."""
    from .. import plan
    from ..checks import check
    from ..writer import write
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file, name in SAMPLE_FILES.items():
        submission = sample(name, reference)
        findings = check(submission, reference).findings
        written.append(write(submission, folder / file, reference=reference, findings=findings))
    written.append(plan.write(plan.published_plan(), folder / PLAN_SAMPLE_FILE, as_of=PLAN_STATUS_DATE))
    return written


__all__ = ["CLEAN_SAMPLE_HWB", "PETERBOROUGH_OVERRIDES", "PETERBOROUGH_STRAY", "PLAN_SAMPLE_FILE",
           "PLAN_STATUS_DATE", "SAMPLE_FILES",
           "peterborough", "published", "sample", "synthetic", "write_samples"]
