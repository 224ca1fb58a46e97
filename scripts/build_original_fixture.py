"""Build Peterborough's 2014 workbook in NHS England's original layout, independently of the
library (tests/support/original_layout.py), recalculated by LibreOffice:

    python scripts/build_original_fixture.py OUT.xlsx
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.original_layout import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
