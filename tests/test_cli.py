"""The command line: every command, its help and examples, its exit statuses,
and one line (never a traceback) for every error a user can cause."""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SPEC

from bcf_workbook import read
from bcf_workbook.checks import RULES
from bcf_workbook.checks import catalogue as all_rules
from bcf_workbook.cli import _parser, main
from bcf_workbook.cli._exit import ExitStatus
from bcf_workbook.cli._options import output_format
from bcf_workbook.render import FORMATS


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

SAMPLES = ROOT / "samples"
PETERBOROUGH = SAMPLES / "peterborough-2014-16.xlsx"


def _cli(*arguments):
    return subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *map(str, arguments)],
                          capture_output=True, text=True)


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_version_is_the_package_version():
    version = importlib.metadata.version("bcf_workbook")  # from pyproject.toml, as installed
    run = _cli("--version")
    assert (run.returncode, run.stdout) == (0, f"bcf-workbook {version}\n")


def test_every_option_has_help_and_every_command_examples_that_parse():
    for name, parser in _subcommands().items():
        for action in parser._actions:
            assert action.help, f"{name} {action.dest} has no help"
        assert parser.epilog and "example" in parser.epilog, name
        # an example is the command, then (after three spaces or more) what it does
        examples = [line.strip().split("   ")[0] for line in parser.epilog.splitlines()
                    if line.strip().startswith("bcf-workbook ")]
        assert examples, name
        for example in examples:
            assert _parser().parse_args(shlex.split(example)[1:]).run


def test_rules_lists_the_catalogue():
    run = _cli("rules")
    assert run.returncode == 0
    listed = {line.split()[0]: line.split()[1] for line in run.stdout.splitlines()}
    catalogue = re.findall(r"^\| `([a-z0-9-]+)` \|", (ROOT / "docs" / "checks.md").read_text(), re.M)
    rules = all_rules()
    assert set(listed) == set(catalogue) == set(rules) > set(RULES)
    assert all(listed[code] == rules[code].severity.value for code in rules)


def test_rules_code_explains_one_rule():
    run = _cli("rules", "derived-overwritten")
    assert run.returncode == 0
    text = " ".join(run.stdout.split())
    rule = RULES["derived-overwritten"]
    assert run.stdout.startswith("derived-overwritten (error): ")
    for part in (rule.title, rule.meaning, rule.fix, rule.spec):
        assert " ".join(part.split()) in text


def test_rules_name_the_specification_a_plan_rule_comes_from():
    run = _cli("rules", "plan-overdue")
    # project-plan-2017-19.md asks for overdue milestones in its section "4. Checks".
    spec = (SPEC / "project-plan-2017-19.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (\d+)\. .*?\n(.*?)(?=^## |\Z)", spec, re.M | re.S)
    [section] = [number for number, text in sections if "overdue milestones" in text]
    assert run.stdout.endswith(
        f"Specification: project plan spec (project-plan-2017-19.md), section {section}\n")
    part2 = _cli("rules", "derived-overwritten").stdout
    assert "Specification: Part 2 spec (part2-template.md), section" in part2


def test_samples_writes_every_sample_the_repository_holds(tmp_path):
    run = _cli("samples", tmp_path / "my-samples")
    assert run.returncode == 0, run.stderr
    committed = sorted(path.name for path in SAMPLES.glob("*.xlsx"))
    assert "peterborough-cambridgeshire-project-plan-2017-19.xlsx" in committed  # as the README says
    assert sorted(path.name for path in (tmp_path / "my-samples").iterdir()) == committed
    for name in committed:
        assert _parts(tmp_path / "my-samples" / name) == _parts(SAMPLES / name), name
    assert run.stdout.count("wrote ") == len(committed)


def _parts(path):
    """A workbook's parts but its timestamps (docProps/core.xml)."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def test_unknown_rule_suggests_the_nearest():
    run = _cli("rules", "rate-not-ratoi")
    assert run.returncode == ExitStatus.USAGE
    assert run.stderr.count("\n") == 1 and "rate-not-ratio" in run.stderr


@pytest.mark.parametrize(("output", "extra", "looks_like"), [
    ("report.html", (), "<!DOCTYPE html>"),
    ("report.json", (), '{"submissions"'),
    ("report.csv", (), "file,hwb,status,code"),
    ("report.md", (), "# BCF checks: 3 files"),
    ("report.md", ("--format", "csv"), "file,hwb,status,code"),
    ("report.txt", (), "samples/"),
])
def test_format_from_the_output_suffix_unless_given(tmp_path, output, extra, looks_like):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", "samples",
                          "-o", str(tmp_path / output), *extra], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == ExitStatus.FINDINGS, run.stderr
    assert (tmp_path / output).read_text(encoding="utf-8").startswith(looks_like)


@pytest.mark.parametrize(("output", "formats", "default", "chosen"), [
    ("report.html", FORMATS, "text", "html"), ("REPORT.HTM", FORMATS, "text", "html"),
    ("r.json", FORMATS, "text", "json"), ("r.csv", FORMATS, "text", "csv"),
    ("r.md", FORMATS, "text", "markdown"), ("r.txt", FORMATS, "text", "text"),
    ("r.log", FORMATS, "text", "text"), (None, FORMATS, "text", "text"),
    ("figures.parquet", ("json", "csv", "parquet"), "json", "parquet"),
    ("figures.dat", ("json", "csv", "parquet"), "json", "json"),
])
def test_format_follows_the_output_suffix(output, formats, default, chosen):
    arguments = argparse.Namespace(format=None, output=Path(output) if output else None)
    assert output_format(arguments, formats, default) == chosen
    assert output_format(argparse.Namespace(format="json", output=arguments.output), formats) == "json"


@pytest.mark.parametrize("command", [
    ("check", "samples", "-o", "report.parquet"), ("export", "samples", "-o", "figures.xlsx"),
    ("plan", "check", "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx", "-o", "p.csv"),
    ("diff", "samples/peterborough-2014-16.xlsx", "samples/synthetic-hwb-001-clean.xlsx", "-o", "d.xlsx"),
])
def test_a_file_named_for_a_format_the_command_does_not_write_is_refused(tmp_path, command):
    *arguments, output = command
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *arguments, str(tmp_path / output)],
                         cwd=ROOT, capture_output=True, text=True)
    assert (run.returncode, run.stderr.count("\n")) == (ExitStatus.USAGE, 1), run.stderr
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize(("command", "output", "looks_like"), [
    (("diff", "samples/peterborough-2014-16.xlsx", "samples/synthetic-hwb-001-clean.xlsx"),
     "changes.html", "<!DOCTYPE html>"),
    (("export", "samples/peterborough-2014-16.xlsx"), "figures.csv", "hwb,"),
    (("plan", "check", "samples/peterborough-cambridgeshire-project-plan-2017-19.xlsx"),
     "plan.md", "#"),
])
def test_every_command_takes_its_format_from_the_output_suffix(tmp_path, command, output, looks_like):
    run = subprocess.run([sys.executable, "-m", "bcf_workbook.cli", *command, "-o", str(tmp_path / output)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode in (ExitStatus.OK, ExitStatus.FINDINGS), run.stderr
    assert (tmp_path / output).read_text(encoding="utf-8").startswith(looks_like)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    path = tmp_path_factory.mktemp("broken") / "attachment.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated in the post")
    return path


def test_exit_status_tells_findings_and_unreadable_files_from_misuse(tmp_path, broken):
    assert _cli("check", SAMPLES / "synthetic-hwb-001-clean.xlsx").returncode == ExitStatus.OK
    assert _cli("check", PETERBOROUGH).returncode == ExitStatus.FINDINGS
    assert _cli("check", PETERBOROUGH, broken).returncode == ExitStatus.UNREADABLE
    assert _cli("export", broken).returncode == ExitStatus.UNREADABLE
    assert _cli("fix", broken, tmp_path / "out.xlsx").returncode == ExitStatus.UNREADABLE
    for misuse in (("check",), ("check", PETERBOROUGH, "--format", "pdf"), ("check", tmp_path / "no"),
                   ("check", tmp_path), ("check", PETERBOROUGH, "-o", tmp_path / "no" / "r.html"),
                   ("fix", PETERBOROUGH, tmp_path / "no" / "out.xlsx"), ("frobnicate",),
                   ("template", tmp_path / "t.xlsx", "--hwb", "Atlantis")):
        run = _cli(*misuse)
        assert run.returncode == ExitStatus.USAGE, (misuse, run.stderr)
        assert "Traceback" not in run.stderr


def test_errors_are_one_line_with_the_file(tmp_path, broken):
    for arguments in (("export", broken), ("check", tmp_path / "missing.xlsx"),
                      ("samples", tmp_path / "file.txt" / "sub")):
        (tmp_path / "file.txt").write_text("a file, not a folder")
        run = _cli(*arguments)
        assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1 and run.stderr.startswith("bcf-workbook: error: ")


def test_check_reports_every_other_file_when_one_is_unreadable(broken):
    run = _cli("check", PETERBOROUGH, broken, "--format", "json")
    data = json.loads(run.stdout)
    assert [entry["status"] for entry in data["submissions"]] == ["checked", "unreadable"]


def test_fix_counts_are_spelled_right(tmp_path):
    run = _cli("fix", PETERBOROUGH, tmp_path / "fixed.xlsx")
    assert run.returncode == 0
    counts = re.search(r": (\d+) typed-over formulas restored, (\d+) findings fixed, "
                       r"(\d+) still to fix by the council \(listed on 'Checks'\)$", run.stdout.strip())
    # Spec section 5: at least six derived rates typed over in Peterborough's file.
    assert counts and int(counts[1]) >= 6 and int(counts[2]) >= 6 and "(s)" not in run.stdout
    again = json.loads(_cli("check", tmp_path / "fixed.xlsx", "--format", "json").stdout)
    assert int(counts[3]) == len(again["submissions"][0]["findings"])


def test_a_reader_that_stops_reading_ends_the_command_quietly():
    # `bcf-workbook rules | head -1`: the pipe closes before the catalogue is written.
    run = subprocess.run(f"{sys.executable} -m bcf_workbook.cli rules | head -1", shell=True,
                         capture_output=True, text=True)
    assert run.stderr == "" and run.stdout.count("\n") == 1


@pytest.mark.parametrize("arguments", [["check", "samples/", "--timeout", "0"], ["check"],
                                       ["check", "samples/", "--format", "pdf"], ["nonsense"],
                                       ["plan", "check", "x.xlsx", "--as-of", "2018-13-01"]])
def test_a_mistake_in_the_command_line_is_one_line(arguments):
    run = _cli(*arguments)
    assert run.returncode == ExitStatus.USAGE and run.stderr.count("\n") == 1
    assert "--help" in run.stderr and "usage:" not in run.stderr


def test_a_path_that_does_not_exist_is_a_usage_error_for_every_command(tmp_path):
    missing = str(tmp_path / "missing.xlsx")
    for arguments in (["check", missing], ["fix", missing, str(tmp_path / "out.xlsx")], ["export", missing],
                      ["diff", PETERBOROUGH, missing], ["plan", "check", missing]):
        run = _cli(*arguments)
        assert (run.returncode, run.stderr.count("\n")) == (ExitStatus.USAGE, 1), (arguments, run.stderr)


def test_a_workbook_already_there_is_replaced_only_with_force(tmp_path):
    council = tmp_path / "council.xlsx"
    council.write_bytes(PETERBOROUGH.read_bytes())
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / PETERBOROUGH.name).write_bytes(b"the council's own")
    for arguments in (["template", council], ["plan", "template", council],
                      ["fix", PETERBOROUGH, council], ["samples", tmp_path / "samples"]):
        run = _cli(*map(str, arguments))
        assert (run.returncode, run.stderr.count("\n")) == (ExitStatus.USAGE, 1), (arguments, run.stderr)
        assert "--force" in run.stderr
    assert council.read_bytes() == PETERBOROUGH.read_bytes()
    assert (tmp_path / "samples" / PETERBOROUGH.name).read_bytes() == b"the council's own"
    assert _cli("template", council, "--force").returncode == ExitStatus.OK
    assert read(council).hwb is None


def test_a_workbook_is_written_under_an_xlsx_name(tmp_path):
    for arguments in (["template", tmp_path / "t.csv"], ["fix", PETERBOROUGH, tmp_path / "f.xlsm"],
                      ["plan", "template", tmp_path / "p.ods"]):
        run = _cli(*map(str, arguments))
        assert (run.returncode, run.stderr.count("\n")) == (ExitStatus.USAGE, 1), (arguments, run.stderr)
        assert not arguments[-1].exists()


def test_every_file_written_is_named_on_standard_output(tmp_path):
    plan = SAMPLES / "peterborough-cambridgeshire-project-plan-2017-19.xlsx"
    for arguments, output in (
            (["export", PETERBOROUGH], "p.json"), (["plan", "check", plan], "status.html"),
            (["plan", "export", plan], "plan.json"),
            (["diff", PETERBOROUGH, SAMPLES / "synthetic-hwb-001-clean.xlsx"], "changes.html")):
        run = _cli(*map(str, arguments), "-o", str(tmp_path / output))
        assert run.stdout.startswith(f"wrote {tmp_path / output}"), (arguments, run.stdout)


def test_a_file_that_is_not_a_workbook_is_unreadable_for_every_command(tmp_path):
    word = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    for arguments in (["fix", word, tmp_path / "out.xlsx"], ["export", word], ["plan", "check", word],
                      ["plan", "export", word]):
        run = _cli(*map(str, arguments))
        assert (run.returncode, run.stderr.count("\n")) == (ExitStatus.UNREADABLE, 1), (arguments, run.stderr)
