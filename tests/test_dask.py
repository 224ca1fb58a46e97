"""check_many on a Dask distributed local cluster: any Executor scales out."""

from __future__ import annotations

import os

import pytest
from conftest import ROOT

from bcf_workbook.batch import check_many

try:
    import distributed
except ImportError:  # the optional 'dask' extra
    if os.environ.get("CI"):
        raise
    pytest.skip("the 'dask' extra is not installed", allow_module_level=True)


def test_check_many_with_a_dask_local_cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        batch = check_many([ROOT / "samples" / "peterborough-2014-16.xlsx",
                            ROOT / "samples" / "synthetic-hwb-001-clean.xlsx"],
                           executor=client.get_executor())
    assert [report.hwb for report in batch.reports] == ["Peterborough", "Synthetic HWB 001"]
    assert [report.status for report in batch.reports] == ["checked", "checked"]
    # Section 5 and the published file (its 2014/15 protection total left blank).
    assert batch.summary["findings"]["error"] == 14
