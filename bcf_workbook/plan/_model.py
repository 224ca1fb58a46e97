"""Typed objects for a BCF project plan (spec project-plan-2017-19.md, section 1).

Frozen dataclasses; fixed vocabularies are enums; a blank is ``None``; a date
that could not be read is kept as :class:`Unreadable` (its text and why),
never guessed. ``to_dict``/``from_dict`` give a JSON-safe round trip.

The Part 2 model's generic codec (``bcf_workbook.model``) knows no dates, so
the plan has its own small, explicit one.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Iterator, Mapping
from typing import Any

from ..errors import SubmissionDataError
from ..model import Unreadable


class Phase(enum.Enum):
    """The named phases of a project, in the order they follow each other."""

    SCOPING_DESIGN = "Scoping/Design"
    CONTRACTING_ADVERTISING = "Contracting/Advertising"
    DELIVERY_LEAD_TIME = "Delivery Lead-Time"
    WORKS_INSTALLATION_COMMISSIONING = "Works/Installation/Commissioning"
    PRACTICAL_COMPLETION_GO_LIVE = 'Practical Completion/"Go Live"'
    POST_PROJECT_EVALUATION = "Post-Project Evaluation"

    @property
    def order(self) -> int:
        return list(Phase).index(self)


class Status(enum.Enum):
    COMPLETE = "Complete"
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    DUE_THIS_MONTH = "Due this month"
    OVERDUE = "Overdue"


@dataclasses.dataclass(frozen=True)
class Milestone:
    """One milestone of a key area's timescale.

    ``start`` is None when the milestone is only due by ``end``; a milestone
    on one day has ``start == end``. ``unreadable`` holds the date as written
    and why it could not be read, or why there is no date at all.
    """

    description: str | None = None
    sub_project: str | None = None
    phase: Phase | Unreadable | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    complete: bool = False
    unreadable: Unreadable | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def first_day(self) -> datetime.date | None:
        return self.start or self.end

    @property
    def last_day(self) -> datetime.date | None:
        return self.end or self.start


@dataclasses.dataclass(frozen=True)
class KeyArea:
    name: str
    aim: str | None = None
    activities: tuple[str, ...] = ()
    benefits: tuple[str, ...] = ()
    accountable: str | None = None
    #: The timescale as written: free text holding the milestones.
    timescale: str | None = None
    supporting_documents: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()


@dataclasses.dataclass(frozen=True)
class FocusArea:
    number: int
    name: str
    key_areas: tuple[KeyArea, ...] = ()

    @property
    def heading(self) -> str:
        return f"FOCUS AREA {self.number}: {self.name}"


@dataclasses.dataclass(frozen=True)
class Placed:
    """A key area or milestone with where it sits in the plan."""

    focus: FocusArea
    key_area: KeyArea
    path: str
    milestone: Milestone | None = None


@dataclasses.dataclass(frozen=True)
class ProjectPlan:
    area: str | None
    first_year: int
    last_year: int
    focus_areas: tuple[FocusArea, ...] = ()

    @property
    def title(self) -> str:
        years = f"{self.first_year} - {self.last_year} BCF Project Plan"
        return f"{self.area} {years}" if self.area else years

    @property
    def period_start(self) -> datetime.date:
        """The plan runs over financial years: April of the first year..."""
        return datetime.date(self.first_year, 4, 1)

    @property
    def period_end(self) -> datetime.date:
        """...to March of the last."""
        return datetime.date(self.last_year, 3, 31)

    def key_areas(self) -> Iterator[Placed]:
        for f, focus in enumerate(self.focus_areas):
            for k, key_area in enumerate(focus.key_areas):
                yield Placed(focus, key_area, f"focus_areas.{f}.key_areas.{k}")

    def milestones(self) -> Iterator[Placed]:
        for placed in self.key_areas():
            for m, milestone in enumerate(placed.key_area.milestones):
                yield dataclasses.replace(placed, path=f"{placed.path}.milestones.{m}",
                                          milestone=milestone)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dictionary; :meth:`from_dict` gives back an equal object."""
        return {"area": self.area, "first_year": self.first_year, "last_year": self.last_year,
                "focus_areas": [_focus_dict(focus) for focus in self.focus_areas]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProjectPlan:
        try:
            return _Decoder().plan(data)
        except (TypeError, ValueError, KeyError) as error:
            raise SubmissionDataError(f"not a project plan: {error}") from None


# --- encoding -----------------------------------------------------------------

def _focus_dict(focus: FocusArea) -> dict[str, Any]:
    return {"number": focus.number, "name": focus.name,
            "key_areas": [_key_area_dict(key_area) for key_area in focus.key_areas]}


def _key_area_dict(key_area: KeyArea) -> dict[str, Any]:
    return {"name": key_area.name, "aim": key_area.aim, "activities": list(key_area.activities),
            "benefits": list(key_area.benefits), "accountable": key_area.accountable,
            "timescale": key_area.timescale,
            "supporting_documents": list(key_area.supporting_documents),
            "milestones": [_milestone_dict(milestone) for milestone in key_area.milestones]}


def _milestone_dict(milestone: Milestone) -> dict[str, Any]:
    return {"description": milestone.description, "sub_project": milestone.sub_project,
            "phase": milestone.phase.value if isinstance(milestone.phase, Phase)
            else _unreadable_dict(milestone.phase),
            "start": _iso(milestone.start), "end": _iso(milestone.end),
            "complete": milestone.complete,
            "unreadable": _unreadable_dict(milestone.unreadable)}


def _unreadable_dict(value: Unreadable | None) -> dict[str, str] | None:
    return None if value is None else {"unreadable": value.text, "reason": value.reason}


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# --- decoding -------------------------------------------------------------------

class _Decoder:
    """Each method checks one object's fields and names the path of a bad one."""

    def plan(self, data: Mapping[str, Any]) -> ProjectPlan:
        fields = _fields(data, "plan", {"area", "first_year", "last_year", "focus_areas"})
        return ProjectPlan(_text(fields.get("area"), "area"),
                           _integer(fields["first_year"], "first_year"),
                           _integer(fields["last_year"], "last_year"),
                           tuple(self.focus(item, f"focus_areas.{index}") for index, item
                                 in enumerate(_list(fields.get("focus_areas", []), "focus_areas"))))

    def focus(self, data: Any, path: str) -> FocusArea:
        fields = _fields(data, path, {"number", "name", "key_areas"})
        return FocusArea(_integer(fields["number"], f"{path}.number"),
                         _required_text(fields["name"], f"{path}.name"),
                         tuple(self.key_area(item, f"{path}.key_areas.{index}") for index, item
                               in enumerate(_list(fields.get("key_areas", []), path))))

    def key_area(self, data: Any, path: str) -> KeyArea:
        fields = _fields(data, path, {field.name for field in dataclasses.fields(KeyArea)})
        return KeyArea(
            _required_text(fields["name"], f"{path}.name"),
            _text(fields.get("aim"), f"{path}.aim"),
            _texts(fields.get("activities", []), f"{path}.activities"),
            _texts(fields.get("benefits", []), f"{path}.benefits"),
            _text(fields.get("accountable"), f"{path}.accountable"),
            _text(fields.get("timescale"), f"{path}.timescale"),
            _texts(fields.get("supporting_documents", []), f"{path}.supporting_documents"),
            tuple(self.milestone(item, f"{path}.milestones.{index}") for index, item
                  in enumerate(_list(fields.get("milestones", []), f"{path}.milestones"))))

    def milestone(self, data: Any, path: str) -> Milestone:
        fields = _fields(data, path, {field.name for field in dataclasses.fields(Milestone)})
        phase = fields.get("phase")
        complete = fields.get("complete", False)
        if not isinstance(complete, bool):
            raise TypeError(f"{path}.complete: expected true or false, got {complete!r}")
        return Milestone(
            _text(fields.get("description"), f"{path}.description"),
            _text(fields.get("sub_project"), f"{path}.sub_project"),
            _unreadable(phase, f"{path}.phase") if isinstance(phase, Mapping)
            else _phase(phase, f"{path}.phase"),
            _date(fields.get("start"), f"{path}.start"),
            _date(fields.get("end"), f"{path}.end"),
            complete,
            _unreadable(fields.get("unreadable"), f"{path}.unreadable"))


def _fields(data: Any, path: str, allowed: set[str]) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise TypeError(f"{path}: expected an object, got {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"{path}: unknown field(s) {sorted(unknown)}")
    return data


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{path}: expected a list, got {type(value).__name__}")
    return list(value)


def _text(value: Any, path: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{path}: expected text, got {value!r}")
    return value


def _required_text(value: Any, path: str) -> str:
    text = _text(value, path)
    if text is None:
        raise TypeError(f"{path}: required")
    return text


def _texts(value: Any, path: str) -> tuple[str, ...]:
    return tuple(_required_text(item, f"{path}.{index}")
                 for index, item in enumerate(_list(value, path)))


def _integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{path}: expected a whole number, got {value!r}")
    return value


def _phase(value: Any, path: str) -> Phase | None:
    if value is None:
        return None
    try:
        return Phase(value)
    except ValueError:
        raise ValueError(f"{path}: {value!r} is not one of {[p.value for p in Phase]}") from None


def _date(value: Any, path: str) -> datetime.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{path}: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{path}: {value!r} is not a date as YYYY-MM-DD") from None


def _unreadable(value: Any, path: str) -> Unreadable | None:
    if value is None:
        return None
    fields = _fields(value, path, {"unreadable", "reason"})
    return Unreadable(_required_text(fields["unreadable"], f"{path}.unreadable"),
                      _required_text(fields["reason"], f"{path}.reason"))
