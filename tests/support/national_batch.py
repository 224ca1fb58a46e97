"""A national round of submissions for reports: 152 files, as the benchmark
writes them (synthetic submissions from seed 152 on), with the variety of a
real round: some plans with fewer avoided admissions (amber) or more
admissions (red), one implausible reduction (an outlier), Peterborough's
submission with its real problems, and one file that is not a workbook."""

from __future__ import annotations

import dataclasses
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bcf_workbook import calculate, write
from bcf_workbook.reference import load_reference
from bcf_workbook.samples import synthetic

SEED = 152
FILES = 152
ROOT = Path(__file__).resolve().parents[2]
#: The planned annual change in admissions of every n-th submission: an
#: increase (red), a small reduction (amber) and, once, an implausible halving.
_CHANGES = ((7, 0.015), (5, -0.015))
_OUTLIER = (42, -0.5)


def write_national_batch(folder: Path, files: int = FILES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "samples" / "peterborough-2014-16.xlsx", folder / "peterborough.xlsx")
    (folder / "hwb-broken.xlsx").write_bytes(b"PK\x03\x04 a truncated attachment")
    with ProcessPoolExecutor(2) as pool:
        written = list(pool.map(_write_one, [folder] * (files - 2), range(files - 2)))
    return [folder / "peterborough.xlsx", folder / "hwb-broken.xlsx", *written]


def _write_one(folder: Path, number: int) -> Path:
    reference = load_reference()
    names = [name for name in reference.hwb_names if name.startswith("Synthetic")]
    submission = synthetic(SEED + number, names[number % len(names)], reference=reference)
    change = _planned_change(number)
    if change is not None:
        values = calculate(submission).submitted
        factor = (1 + change) * values["p4p.baseline_total"] / values["p4p.plan_total"]
        numerator = {quarter: round(value * factor)
                     for quarter, value in submission.p4p.numerator.items()}
        submission = dataclasses.replace(
            submission, p4p=dataclasses.replace(submission.p4p, numerator=numerator))
    return write(submission, folder / f"hwb-{number:03d}.xlsx", reference=reference)


def _planned_change(number: int) -> float | None:
    if number == _OUTLIER[0]:
        return _OUTLIER[1]
    return next((change for every, change in _CHANGES if number % every == 3), None)
