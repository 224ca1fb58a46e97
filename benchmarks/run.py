"""Benchmark: bcf-workbook check against LibreOffice, the formulas package and
a read-only floor, on the same 152 synthetic submissions, in one run.

    python benchmarks/run.py [--files 152] [--naive-sample 4] [--repeat 3]

Prints medians and ratios; see the README's "Performance" section. Needs
LibreOffice (soffice) for (b) and python-calamine for (d) (`pip install -e
'.[bench]'`). It is a script, not a test: machines here are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bcf_workbook import write
from bcf_workbook.batch import check_many
from bcf_workbook.reference import load_reference
from bcf_workbook.samples import synthetic

SEED = 152
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.recalculate import recalculate  # noqa: E402 - the tests' LibreOffice driver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=152)
    parser.add_argument("--naive-sample", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-libreoffice", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bcf-bench-") as scratch:
        Benchmark(Path(scratch), arguments).run()


class Benchmark:
    def __init__(self, scratch: Path, arguments: argparse.Namespace) -> None:
        self.scratch = scratch
        self.arguments = arguments
        self.reference = load_reference()
        self.folder = scratch / "submissions"
        self.results: dict[str, float] = {}

    def run(self) -> None:
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, {platform.platform()}")
        files = self.generate(self.folder, self.arguments.files)
        count = len(files)
        print(f"\n{count} synthetic submissions written by the library (seed {SEED})\n")
        a_cli = self.median(lambda: self.cli_check(self.folder))
        a_api = self.median(lambda: check_many([self.folder]))
        d = self.median(lambda: self.read_floor(files))
        c = self.naive_formulas(files[: self.arguments.naive_sample])
        b = None if self.arguments.skip_libreoffice else self.libreoffice(files)
        peak = self.peak_memory()
        cold = self.median(lambda: self.cli_check(files[0]))
        per_file = {"(a) bcf-workbook check (CLI)": a_cli / count,
                    "(a) check_many in-process": a_api / count,
                    "(b) LibreOffice recalculate + save": (b or float("nan")) / count,
                    "(c) formulas ExcelModel per file": c,
                    "(d) python-calamine read floor": d / count}
        print("per file (median of runs):")
        for name, seconds in per_file.items():
            print(f"  {name:<40} {seconds * 1000:9.1f} ms")
        print(f"\nall {count} files, bcf-workbook check: {a_cli:.2f} s (target <= 5 s)")
        if b is not None:
            print(f"ratio (b)/(a): {b / a_cli:6.1f}x faster than LibreOffice (target >= 10x)")
        print(f"ratio (c)/(a): {c * count / a_cli:6.1f}x faster than formulas (target >= 20x)")
        print(f"ratio (a)/(d): {a_cli / d:6.1f}x the cost of only reading (target <= 5x)")
        print(f"peak memory of the batch (all processes): {peak:.0f} MB (target <= 300 MB)")
        print(f"cold single-file check: {cold:.2f} s (target <= 1.5 s)")
        self.scaling(files)

    # --- measurements -------------------------------------------------------------

    def median(self, action: Callable[[], object]) -> float:
        times = []
        for _ in range(self.arguments.repeat):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def generate(self, folder: Path, count: int, schemes: int | None = None) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        names = [n for n in self.reference.hwb_names if n.startswith("Synthetic")]
        files = []
        for number in range(count):
            submission = synthetic(SEED + number, names[number % len(names)], schemes=schemes,
                                   reference=self.reference)
            files.append(write(submission, folder / f"hwb-{number:03d}.xlsx",
                               reference=self.reference))
        return files

    @staticmethod
    def cli_check(path: Path) -> None:
        subprocess.run([sys.executable, "-m", "bcf_workbook.cli", "check", str(path),
                        "--format", "json", "-o", os.devnull], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    @staticmethod
    def read_floor(files: list[Path]) -> None:
        from python_calamine import CalamineWorkbook
        for path in files:
            workbook = CalamineWorkbook.from_path(str(path))
            for name in workbook.sheet_names:
                workbook.get_sheet_by_name(name).to_python()

    def naive_formulas(self, files: list[Path]) -> float:
        import formulas
        times = []
        for path in files:
            started = time.perf_counter()
            formulas.ExcelModel().loads(str(path)).finish().calculate()
            times.append(time.perf_counter() - started)
        print(f"(c) formulas: {len(files)} files, first (cold) {times[0]:.2f} s, "
              f"median {statistics.median(times):.2f} s")
        return statistics.median(times[1:] or times)

    def libreoffice(self, files: list[Path]) -> float:
        output = self.scratch / "libreoffice"
        started = time.perf_counter()
        recalculate(files, output, timeout=3600)
        elapsed = time.perf_counter() - started
        shutil.rmtree(output, ignore_errors=True)
        return elapsed

    def peak_memory(self) -> float:
        """Peak total resident memory of the CLI and its workers, in MB."""
        process = subprocess.Popen([sys.executable, "-m", "bcf_workbook.cli", "check",
                                    str(self.folder), "--format", "json", "-o", os.devnull],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(process.pid))
                time.sleep(0.02)
        sampler = threading.Thread(target=sample)
        sampler.start()
        process.wait()
        done.set()
        sampler.join()
        return peak / 2**20

    def scaling(self, files: list[Path]) -> None:
        print("\ntime with the number of files (bcf-workbook check, default workers):")
        for count in (19, 38, 76, 152):
            if count > len(files):
                break
            folder = self.scratch / f"first-{count}"
            folder.mkdir()
            for path in files[:count]:
                os.link(path, folder / path.name)
            seconds = self.median(lambda folder=folder: self.cli_check(folder))
            print(f"  {count:4d} files: {seconds:6.2f} s, {seconds / count * 1000:6.1f} ms per file")
        print("\ntime with the size of one submission (check_many, one file, in-process):")
        check_many([files[0]])
        for schemes in (50, 500, 5000):
            folder = self.scratch / f"schemes-{schemes}"
            path = self.generate(folder, 1, schemes=schemes)[0]
            seconds = self.median(lambda path=path: check_many([path]))
            print(f"  {schemes:5d} schemes: {seconds * 1000:8.1f} ms")


def _tree_rss(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


if __name__ == "__main__":
    main()
