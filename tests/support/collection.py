"""A national collection to test with: a reference list of as many HWBs as
England has (152), made from the packaged synthetic ones, and rounds of
submissions for them written by the library from seeds."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bcf_workbook import write
from bcf_workbook.model import Submission
from bcf_workbook.reference import PACKAGED, ReferenceData, load_reference
from bcf_workbook.samples import synthetic

HWBS = 152
SEED = 1300


def national_reference(folder: Path, count: int = HWBS) -> ReferenceData:
    """A reference folder of Peterborough and ``count - 1`` synthetic HWBs:
    the packaged ones, and more made from them under new names."""
    shutil.copytree(PACKAGED, folder, dirs_exist_ok=True)
    packaged = sorted((folder / "hwbs").glob("synthetic-*.json"))
    for number in range(len(packaged) + 1, count):
        data = json.loads(packaged[number % len(packaged)].read_text(encoding="utf-8"))
        data.update(name=f"Synthetic HWB {number:03d}", ons_code=f"X{number:08d}",
                    local_authority=f"Synthetic Council {number:03d}")
        for letter, ccg in zip("ABCDEFGH", data["ccgs"]):
            ccg["name"] = f"NHS Synthetic CCG {number:03d}{letter}"
        (folder / "hwbs" / f"synthetic-{number:03d}.json").write_text(json.dumps(data),
                                                                       encoding="utf-8")
    return load_reference(folder)


def synthetic_names(reference: ReferenceData) -> list[str]:
    return [name for name in reference.hwb_names if name.startswith("Synthetic")]


def submission(reference: ReferenceData, hwb: str, seed: int = SEED) -> Submission:
    return synthetic(seed + int(hwb.rsplit(" ", 1)[-1]), hwb, reference=reference)


def write_round(folder: Path, reference: ReferenceData, submissions: dict[str, Submission]
                ) -> list[Path]:
    """Each submission written to ``folder`` as ``<file name>.xlsx``, two at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(_write, [folder / f"{name}.xlsx" for name in submissions],
                             submissions.values(), [reference.source] * len(submissions)))


def _write(path: Path, submission: Submission, reference_folder: str) -> Path:
    return write(submission, path, reference=load_reference(reference_folder))


def changed_plan(submission: Submission, factor: float) -> Submission:
    """The submission with its P4P plan numerators scaled: a resubmission."""
    numerator = {quarter: round(value * factor) if isinstance(value, (int, float)) else value
                 for quarter, value in submission.p4p.numerator.items()}
    return dataclasses.replace(submission, p4p=dataclasses.replace(submission.p4p,
                                                                  numerator=numerator))


def set_saved_date(path: Path, moment: str) -> None:
    """Rewrite the date the workbook says it was last saved (its core
    properties' ``dcterms:modified``), as a spreadsheet application would."""
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + moment.encode(), data)
            archive.writestr(info, data)
