from __future__ import annotations

import json
import random

import pytest
from support.random_submissions import random_submission

from bcf_workbook import Submission, SubmissionDataError, Unreadable
from bcf_workbook.choices import AreaOfSpend, Commissioner
from bcf_workbook.model import flatten, from_flat
from bcf_workbook.samples import sample


@pytest.mark.parametrize("name", ["peterborough", "clean"])
def test_dict_round_trip_of_samples(name, reference):
    submission = sample(name, reference)
    data = json.loads(json.dumps(submission.to_dict()))
    assert Submission.from_dict(data) == submission


def test_dict_round_trip_of_random_submissions(reference):
    rng = random.Random(7)
    for _ in range(30):
        submission = random_submission(rng, reference)
        assert Submission.from_dict(json.loads(json.dumps(submission.to_dict()))) == submission


def test_flat_round_trip(peterborough_submission):
    import dataclasses
    rebuilt = from_flat(dict(flatten(peterborough_submission)))
    assert rebuilt == dataclasses.replace(peterborough_submission, overrides=(), stray={})


def test_enums_and_unreadable_values_in_json(peterborough_submission):
    data = peterborough_submission.to_dict()
    assert data["expenditure"][0]["area_of_spend"] == "Social Care"
    assert data["expenditure"][3]["commissioner"] == "CCG"
    scheme = peterborough_submission.expenditure[0]
    assert scheme.area_of_spend is AreaOfSpend.SOCIAL_CARE
    assert scheme.commissioner is Commissioner.LOCAL_AUTHORITY
    assert scheme.share_nhs is None
    odd = Submission.from_dict({"p4p": {"numerator": {"Q4 14/15": {"unreadable": "about 300",
                                                                   "reason": "not a number"}}}})
    assert odd.p4p.numerator["Q4 14/15"] == Unreadable("about 300", "not a number")


@pytest.mark.parametrize("data, message", [
    ({"nonsense": 1}, "unknown field"),
    ({"expenditure": [{"area_of_spend": "Space"}]}, "Space"),
    ({"p4p": {"numerator": {"Q4 14/15": "lots"}}}, "expected a number"),
    ([], "expected an object"),
])
def test_from_dict_rejects_what_is_not_a_submission(data, message):
    with pytest.raises(SubmissionDataError, match=message):
        Submission.from_dict(data)
