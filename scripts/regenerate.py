"""Regenerate the committed template, samples and check catalogue from the library itself.

    python scripts/regenerate.py
"""

from __future__ import annotations

import json
from pathlib import Path

from bcf_workbook import write_template
from bcf_workbook.checks.catalogue import catalogue_markdown
from bcf_workbook.formula.compiler import PACKAGED_TRANSLATIONS, layout_translations
from bcf_workbook.samples import write_samples

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    PACKAGED_TRANSLATIONS.write_text(json.dumps(layout_translations(), indent=1, sort_keys=True)
                                     + "\n", encoding="utf-8")
    print(f"wrote {PACKAGED_TRANSLATIONS}")
    print(f"wrote {write_template(ROOT / 'templates' / 'bcf-part2-template.xlsx')}")
    for path in write_samples(ROOT / "samples"):
        print(f"wrote {path}")
    docs = ROOT / "docs" / "checks.md"
    docs.write_text(catalogue_markdown(), encoding="utf-8")
    print(f"wrote {docs}")


if __name__ == "__main__":
    main()
