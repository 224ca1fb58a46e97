"""Regenerate the committed template and samples from the library itself.

    python scripts/regenerate.py
"""

from __future__ import annotations

from pathlib import Path

from bcf_workbook import write_template
from bcf_workbook.samples import write_samples

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    print(f"wrote {write_template(ROOT / 'templates' / 'bcf-part2-template.xlsx')}")
    for path in write_samples(ROOT / "samples"):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
