"""Time and peak memory of `bcf-workbook check` on each attack file of issue 16.

    python benchmarks/attacks.py [--folder DIR] [--timeout 300] [--keep]

Builds the full-size attack files (tests/support/hostile_files.py) once into
``--folder`` (default: a temporary folder), then checks each alone and the
folder as a whole, printing wall time, the peak resident memory of the whole
process tree, the exit status and the first line of the report. Run it with
``PYTHONPATH`` pointing at another checkout to measure that one's code.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import _tree_rss  # noqa: E402 - the benchmark's process-tree memory
from support import hostile_files as attacks  # noqa: E402 - the tests' generator

ATTACKS: dict[str, Callable[[Path], Path]] = {
    "number pattern, 2,000 spaces": lambda path: attacks.backtracking_number(path, 2000),
    "email pattern, 32,000 characters": attacks.backtracking_email,
    "4,000-digit number as text": lambda path: attacks.long_digits(path, 4000),
    "4,400-digit number as text": lambda path: attacks.long_digits(path, 4400),
    "number overflowing to infinity": attacks.overflowing_number,
    "100,000 cells of one 1,900-character shared formula": attacks.shared_formula_fanout,
    "13 million shared strings": attacks.many_shared_strings,
    "four parts of 255 MiB": attacks.huge_parts,
    "1,000,000 sheets listed": attacks.many_sheets,
    "30 million empty cells": attacks.empty_cells,
    "CR, LF, C1, ESC and RLO in the HWB name": attacks.injected_names,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--timeout", type=float, default=300)
    arguments = parser.parse_args()
    if arguments.folder is not None:
        arguments.folder.mkdir(parents=True, exist_ok=True)
        run_all(arguments.folder, arguments.timeout)
        return
    with tempfile.TemporaryDirectory(prefix="bcf-attacks-") as scratch:
        run_all(Path(scratch), arguments.timeout)


def run_all(folder: Path, timeout: float) -> None:
    files = {}
    for index, (name, make) in enumerate(ATTACKS.items()):
        path = folder / f"attack-{index:02d}.xlsx"
        if not path.exists():
            make(path)
        files[name] = path
    print(f"{'attack':<55} {'time':>8} {'peak MB':>8}  exit  first line")
    for name, path in files.items():
        measure(name, [str(path)], timeout)
    measure("the folder of all of them (default workers)", [str(folder)], timeout)


def measure(name: str, paths: list[str], timeout: float) -> None:
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen([sys.executable, "-m", "bcf_workbook.cli", "check", *paths,
                                    "--format", "text"], stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        peak = 0
        started = time.perf_counter()

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, _tree_rss(process.pid))
                time.sleep(0.05)
        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            status = str(process.wait(timeout=timeout))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its worker processes too
            process.wait()
            status = "killed"
        elapsed = time.perf_counter() - started
        sampler.join()
        output.seek(0)
        lines = output.read().decode("utf-8", "backslashreplace").splitlines()
    first = next((line for line in lines if line.strip()), "")
    shown = f"> {timeout:.0f} s" if status == "killed" else f"{elapsed:.1f} s"
    print(f"{name:<55} {shown:>8} {peak / 2**20:>8.0f}  {status:>4}  {first[:110]!r}", flush=True)


if __name__ == "__main__":
    main()
