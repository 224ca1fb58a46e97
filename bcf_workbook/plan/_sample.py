"""The published Peterborough & Cambridgeshire 2017-2019 plan, from the package's
data file (a reconstruction of the published text; see its notes)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from ._milestones import with_milestones
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


__all__ = ["published_data", "published_plan"]
