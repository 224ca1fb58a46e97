from __future__ import annotations

import os
from pathlib import Path

import pytest

# Peterborough's workbook in the original 2014 layout, not written by the library.
from support.original_layout import original_peterborough  # noqa: F401
from support.recalculate import soffice

from bcf_workbook.reference import load_reference
from bcf_workbook.samples import peterborough, published

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "spec"


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def spec_figures():
    """Peterborough's published figures (the package's copy of the spec's file)."""
    return published()


@pytest.fixture(scope="session")
def peterborough_submission(reference):
    return peterborough(reference)


def require_libreoffice() -> None:
    """LibreOffice is the project's oracle: CI must have it, a laptop may not."""
    if soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (install libreoffice-calc-nogui)")
        pytest.skip("LibreOffice (soffice) is not installed")
