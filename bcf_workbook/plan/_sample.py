"""The published Peterborough & Cambridgeshire 2017-2019 plan, from the package's
data file (a reconstruction of the published text; see its notes)."""

from __future__ import annotations

import dataclasses
import functools
import json
from importlib import resources
from typing import Any

from ._milestones import read_timescale
from ._model import ProjectPlan

DATA_FILE = "peterborough-cambridgeshire-2017-19.json"


@functools.cache
def published_data() -> dict[str, Any]:
    """The data file as stored: the plan's text, and the notes on its corrections."""
    text = resources.files(__package__).joinpath("data").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def published_plan() -> ProjectPlan:
    """The plan, its milestones read from each key area's timescale."""
    return with_milestones(ProjectPlan.from_dict(published_data()["plan"]))


def with_milestones(plan: ProjectPlan) -> ProjectPlan:
    """``plan`` with every key area's milestones read from its timescale text."""
    return dataclasses.replace(plan, focus_areas=tuple(
        dataclasses.replace(focus, key_areas=tuple(
            dataclasses.replace(key_area, milestones=read_timescale(key_area.timescale))
            for key_area in focus.key_areas))
        for focus in plan.focus_areas))


__all__ = ["published_data", "published_plan", "with_milestones"]
