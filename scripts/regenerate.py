"""Regenerate the committed template, samples and check catalogue from the library itself.

    python scripts/regenerate.py
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from bcf_workbook import write_template
from bcf_workbook.checks import catalogue_markdown
from bcf_workbook.samples import write_samples

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        fresh = [write_template(Path(scratch) / "bcf-part2-template.xlsx"),
                 *write_samples(Path(scratch))]
        for path in fresh:
            folder = "templates" if path.name.startswith("bcf-part2") else "samples"
            _keep_if_unchanged(path, ROOT / folder / path.name)
    docs = ROOT / "docs" / "checks.md"
    docs.write_text(catalogue_markdown(), encoding="utf-8")
    print(f"wrote {docs}")


def _keep_if_unchanged(fresh: Path, committed: Path) -> None:
    """Replace the committed workbook only when more than its timestamp changed."""
    if committed.exists() and _parts(fresh) == _parts(committed):
        print(f"unchanged {committed}")
        return
    shutil.copyfile(fresh, committed)
    print(f"wrote {committed}")


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}


if __name__ == "__main__":
    main()
