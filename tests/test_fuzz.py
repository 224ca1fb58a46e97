"""Mutate the samples' bytes and XML parts (also long runs of spaces, huge
digit strings and one formula shared by thousands of cells); only the
library's own exceptions may escape, and every case finishes quickly.

A few thousand seeded cases run in CI; run more by hand with
``BCF_FUZZ_CASES=50000 python -m pytest tests/test_fuzz.py``
(``BCF_FUZZ_SEED`` picks another series).
"""

from __future__ import annotations

import os
import random
import resource
import time
import traceback

from support.hostile_files import CLEAN, PETERBOROUGH, mutate, mutate_values, parts, rezip

from bcf_workbook import BcfError
from bcf_workbook.checks import check

CASES = int(os.environ.get("BCF_FUZZ_CASES", "2000"))
SEED = int(os.environ.get("BCF_FUZZ_SEED", "20140919"))
SECONDS_PER_CASE = 10
#: Parts that the reader reads, weighted towards the data sheets.
TARGETS = ("xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
           "_rels/.rels", *(f"xl/worksheets/sheet{n}.xml" for n in range(1, 11)))


def test_mutated_workbooks_raise_only_library_errors(tmp_path):
    rng = random.Random(SEED)
    sources = {path: (path.read_bytes(), parts(path)) for path in (PETERBOROUGH, CLEAN)}
    target = tmp_path / "case.xlsx"
    failures, slowest, outcomes = [], 0.0, {"checked": 0, "refused": 0}
    for case in range(CASES):
        source = rng.choice(list(sources))
        raw, contents = sources[source]
        roll = rng.random()
        if roll < 0.15:
            data, what = mutate(raw, rng)
            target.write_bytes(data)
            what = f"zip bytes: {what}"
        else:
            part = rng.choice(TARGETS)
            damage = mutate if roll < 0.5 else mutate_values
            damaged, what = damage(contents[part], rng)
            rezip({**contents, part: damaged}, target)
            what = f"{part}: {what}"
        started = time.process_time()  # CPU time: a busy machine does not make a case slow
        try:
            check(target)
            outcomes["checked"] += 1
        except BcfError:
            outcomes["refused"] += 1
        except Exception:  # noqa: BLE001 - the point of the test
            failures.append(f"case {case} ({source.name}, {what}):\n{traceback.format_exc()}")
        slowest = max(slowest, time.process_time() - started)
        if len(failures) >= 3:
            break
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nfuzz: {CASES} cases (seed {SEED}), {outcomes}, slowest {slowest:.2f}s, "
          f"peak memory {peak_mb:.0f} MB")
    assert failures == [], "\n".join(failures)
    assert slowest < SECONDS_PER_CASE
    assert peak_mb < 2048
