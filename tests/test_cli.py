from __future__ import annotations

import subprocess
import sys
import zipfile

from bcf_workbook.cli import main


def test_template_command_writes_a_workbook(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.xlsx"), "--hwb", "Peterborough"]) == 0
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")
    assert "wrote" in capsys.readouterr().out


def test_unknown_hwb_is_one_line_and_exit_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "template",
                          str(tmp_path / "t.xlsx"), "--hwb", "Atlantis"],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1
    assert "Atlantis" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_bad_reference_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["template", str(tmp_path / "t.xlsx"), "--reference", str(tmp_path / "no")]) == 2
    assert "reference data folder not found" in capsys.readouterr().err
