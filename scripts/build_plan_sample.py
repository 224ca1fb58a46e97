"""Build samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx from the package's
data file (bcf_workbook/plan/data/peterborough-cambridgeshire-2017-19.json).

    python scripts/build_plan_sample.py

The status date is fixed (SAMPLE_STATUS_DATE), so a rebuild changes nothing
but the file's timestamps.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from bcf_workbook import plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "peterborough-cambridgeshire-project-plan-2017-19.xlsx"
SAMPLE_STATUS_DATE = datetime.date(2018, 1, 1)


def build(path: Path = SAMPLE) -> Path:
    return plan.write(plan.published_plan(), path, as_of=SAMPLE_STATUS_DATE)


if __name__ == "__main__":
    print(f"wrote {build()}")
