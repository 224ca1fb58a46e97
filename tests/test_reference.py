from __future__ import annotations

import json
import shutil

import pytest
from conftest import SPEC

from bcf_workbook import ReferenceDataError, UnknownHwbError, load_reference
from bcf_workbook.reference import PACKAGED


def test_packaged_peterborough_matches_the_published_figures(reference, spec_figures):
    published = spec_figures["reference"]
    hwb = reference.get("Peterborough")
    assert hwb.values["population_all_age.2016"] == published["hwb"]["population_all_age"]["2016"]
    assert hwb.values["combined_performance_and_ringfenced_fund_gbp"] == 3_105_780
    assert [ccg["name"] for ccg in hwb.ccgs] == [ccg["name"] for ccg in published["ccgs"]]
    assert hwb.ccgs[0]["share_of_ccg_population_in_hwb"] == 0.223937
    assert hwb.values["projection_history.delayed_transfers_monthly.Aug-10"] == 123
    assert reference.unit_cost_non_elective == 1490
    assert not hwb.synthetic


def test_package_copy_is_the_spec_file(spec_figures):
    spec = SPEC / "peterborough-2014-16.json"
    if not spec.exists():
        pytest.skip("the specification folder is not beside this checkout")
    assert json.loads(spec.read_text()) == spec_figures


def test_at_least_twenty_synthetic_hwbs_named_as_such(reference):
    synthetic = [hwb for hwb in reference.hwbs if hwb.synthetic]
    assert len(synthetic) >= 20
    assert all(hwb.name.startswith("Synthetic HWB ") for hwb in synthetic)
    assert all(ccg["name"].startswith("NHS Synthetic CCG") for hwb in synthetic
               for ccg in hwb.ccgs)


def test_a_users_own_reference_folder(tmp_path):
    shutil.copytree(PACKAGED, tmp_path / "ref")
    own = json.loads((tmp_path / "ref/hwbs/synthetic-002.json").read_text())
    own["name"] = "Somewhere Else"
    (tmp_path / "ref/hwbs/synthetic-002.json").write_text(json.dumps(own))
    reference = load_reference(tmp_path / "ref")
    assert "Somewhere Else" in reference.hwb_names
    assert reference.find("  somewhere else ").name == "Somewhere Else"


def test_unknown_hwb(reference):
    with pytest.raises(UnknownHwbError, match="Atlantis"):
        reference.get("Atlantis")


@pytest.mark.parametrize("damage, message", [
    (lambda d: d.pop("population_all_age"), "population_all_age.2014"),
    (lambda d: d.update(ccgs=[]), "ccgs"),
    (lambda d: d["ccgs"][0].pop("share_of_ccg_population_in_hwb"), "share_of_ccg"),
])
def test_malformed_reference_files_name_the_file_and_field(tmp_path, damage, message):
    shutil.copytree(PACKAGED, tmp_path / "ref")
    path = tmp_path / "ref/hwbs/peterborough.json"
    data = json.loads(path.read_text())
    damage(data)
    path.write_text(json.dumps(data))
    with pytest.raises(ReferenceDataError, match=message) as raised:
        load_reference(tmp_path / "ref")
    assert "peterborough.json" in str(raised.value)


def test_missing_or_broken_folder(tmp_path):
    with pytest.raises(ReferenceDataError, match="not found"):
        load_reference(tmp_path / "missing")
    (tmp_path / "national.json").write_text("{not json")
    with pytest.raises(ReferenceDataError, match="not readable JSON"):
        load_reference(tmp_path)
