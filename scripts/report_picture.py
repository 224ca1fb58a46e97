"""Render the README's picture of the HTML report: a national round of 152
submissions (the browser test's), checked and shown in headless Chromium at
1400 px wide.

    python scripts/report_picture.py        # writes docs/report.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.browser import Chromium  # noqa: E402 - the tests' browser driver
from support.national_batch import write_national_batch  # noqa: E402

from bcf_workbook.batch import check_many  # noqa: E402
from bcf_workbook.render import render  # noqa: E402

PICTURE = ROOT / "docs" / "report.png"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bcf-picture-") as scratch:
        folder = Path(scratch)
        batch = check_many(write_national_batch(folder / "round"))
        page = folder / "report.html"
        page.write_text(render(batch, "html"), encoding="utf-8")
        Chromium(folder / "profile").screenshot(page, PICTURE, 1400, 1700)
    print(f"wrote {PICTURE}")


if __name__ == "__main__":
    main()
