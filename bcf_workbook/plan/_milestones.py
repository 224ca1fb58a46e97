"""Read the milestones out of a key area's timescale text (spec section 2).

The text is read line by line. In a line, every date expression is a
milestone's date and the text before it (since the previous date) its label:
an optional sub-project, an optional phase and a description. Text after the
last date of a line, and a line without a date, are milestones without a date
(split at numbered items: "1. ... 2. ..."). A sub-project ("3a. Enhancement of
... - Peterborough Scoping/Design:", "Elective Care: ...") holds for the
milestones after it until the next one.

A date that cannot be read ("September 201") is kept as written, with the
reason, and never guessed.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import re

from ..model import Unreadable
from ._model import Milestone, Phase, ProjectPlan

MONTHS = {name.casefold(): number for number in range(1, 13)
          for name in (calendar.month_name[number], calendar.month_abbr[number])}
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?:\d{4}|\d{2})\b"
_DMY = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"
_DASH = r"\s*[-–—]\s*"

#: Date expressions, in the order they are tried at each position of a line.
_FORMS = {
    "dmy_range": rf"(?P<from>{_DMY}){_DASH}(?P<to>{_DMY})",
    "dmy": rf"(?P<day>{_DMY})",
    "month_range": rf"(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?\s+to\s+(?:the\s+)?(?:end\s+(?:of\s+)?)?"
                   rf"(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})",
    "month_either": rf"(?P<e1>{_MONTH})\s*/+\s*(?P<e2>{_MONTH})\s+(?P<ey>{_YEAR})",
    "end_of": rf"(?:the\s+)?end\s+(?:of\s+)?(?P<em>{_MONTH})\s+(?P<eyear>{_YEAR})",
    "day_month": rf"(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH})\s+(?P<dy>\d{{4}})\b",
    "month": rf"(?P<mm>{_MONTH})\s+(?P<my>{_YEAR})",
    "short_year": rf"(?P<sm>{_MONTH})\s+(?P<sy>\d|\d{{3}})\b(?!/)",
    "lone_year": r"(?:(?P<word>[A-Za-z]{3,})\s+)?(?P<ly>(?:19|20)\d{2})\b",
    "lone_month": r"(?P<lm>\b(?:january|february|march|april|june|july|august|september|october|"
                  r"november|december))\b",
}
_DATES = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FORMS.items()),
                    re.IGNORECASE)

_PHASES = {
    Phase.SCOPING_DESIGN: r"scoping\s*/\s*design",
    Phase.CONTRACTING_ADVERTISING: r"contracting\s*/\s*advertising",
    Phase.DELIVERY_LEAD_TIME: r"delivery\s+lead[\s-]*time",
    Phase.WORKS_INSTALLATION_COMMISSIONING: r"works\s*/\s*installation\s*/\s*commissioning",
    # OCR and footnotes: 'Prattical Completion/* Go Live*', '"Go Live"3'
    Phase.PRACTICAL_COMPLETION_GO_LIVE: r"pra[a-z]{1,3}ical\s+completion\s*/\s*[^a-z]*go\s*-?\s*live[^a-z:]*",
    Phase.POST_PROJECT_EVALUATION: r"post[\s-]*project\s+evaluation",
}
_PHASE = re.compile("|".join(f"(?P<{phase.name}>{pattern})" for phase, pattern in _PHASES.items()),
                    re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^(?P<n>\d{1,2}[a-z]?)[.)]?$", re.IGNORECASE)
_NUMBERED_ITEM = re.compile(r"(?:^|(?<=\s))(?=\d{1,2}[a-z]?\.\s+\S)", re.IGNORECASE)
#: Words between a label and its date that say how the date applies.
_DUE_BY = re.compile(r"\s*\bby$", re.IGNORECASE)
_CONNECTIVE = re.compile(r"^(?:to\s+commence|commenc\w*|due|from|starting|start\w*|in|on)$",
                         re.IGNORECASE)
_SEPARATORS = " \t:;,.-–—"

SHORT_YEAR = "the year is cut short"
NOT_A_MONTH = "not the name of a month"
YEAR_ALONE = "a year without its month"
MONTH_ALONE = "a month without its year"
NOT_A_DAY = "not a day of the calendar"


@dataclasses.dataclass(frozen=True)
class _When:
    start: datetime.date | None = None
    end: datetime.date | None = None
    unreadable: Unreadable | None = None
    number: str | None = None


def read_timescale(text: str | None) -> tuple[Milestone, ...]:
    """The milestones of a timescale text, in the order written."""
    reader = _TimescaleReader()
    for line in (text or "").splitlines():
        reader.line(" ".join(line.split()))
    return tuple(reader.finish())


def parse_date(text: str, last_day: bool = False) -> datetime.date | None:
    """One day written as text ('1/4/17', '01/04/2017', 'April 2017', 'End of June 2017');
    a month alone is its first day, or its last with ``last_day``. None when it is not
    exactly one date expression."""
    match = _DATES.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    when = _when(match)
    if when.unreadable is not None:
        return None
    return when.end if last_day else when.start or when.end


class _TimescaleReader:
    def __init__(self) -> None:
        self.milestones: list[Milestone] = []
        self.sub_project: str | None = None
        #: Text after the last date read, held until the next line shows
        #: whether it is that line's heading or milestones without a date.
        self.pending = ""

    def line(self, line: str) -> None:
        matches = list(_DATES.finditer(line))
        heading = self._take_pending(line[:matches[0].start()] if matches else None)
        numbered = _numbered_days(line, matches)
        position = 0
        for index, match in enumerate(matches):
            label = line[position:match.start()]
            when = _numbered_item(match) if index in numbered else _when(match)
            self._dated(f"{heading} {label}" if index == 0 and heading else label, when)
            position = match.end()
        self.pending = line[position:]

    def finish(self) -> list[Milestone]:
        self._undated(self.pending)
        return self.milestones

    def _take_pending(self, first_label: str | None) -> str:
        """The pending text when it heads the next label (a sub-project before
        its first phase, or a heading ending in a colon); otherwise it is read
        as milestones without a date."""
        pending, self.pending = self.pending.strip(), ""
        if first_label is not None and pending and (
                _PHASE.search(first_label) or pending.endswith(":")):
            return pending
        self._undated(pending)
        return ""

    def _dated(self, label: str, when: _When) -> None:
        label = label.strip(_SEPARATORS)
        due_by = _DUE_BY.search(label)
        if due_by is not None:
            label = label[:due_by.start()]
            when = dataclasses.replace(when, start=None)
        number = _NUMBER_ONLY.match(label)
        phase: Phase | None = None
        description: str | None
        if number is not None or (not label and when.number is not None):
            description = f"Item {number['n'] if number else when.number}"
        else:
            phase, description = self._label(label)
        self.milestones.append(Milestone(description, self.sub_project, phase, when.start, when.end,
                                         unreadable=when.unreadable))

    def _label(self, label: str) -> tuple[Phase | None, str | None]:
        """The phase and the description of a label, updating the sub-project."""
        phases = list(_PHASE.finditer(label))
        if phases:
            last = phases[-1]
            heading = label[:last.start()].strip(_SEPARATORS)
            if heading:
                self.sub_project = heading
            phase = Phase[last.lastgroup or ""]
            return phase, _clean(label[last.end():])
        parts = [part for part in re.split(r":\s+", label) if part.strip(_SEPARATORS)]
        if len(parts) >= 2 and _CONNECTIVE.match(parts[-1].strip(_SEPARATORS)):
            parts[-2:] = [": ".join(parts[-2:])]
        if len(parts) >= 2:
            self.sub_project = _clean(": ".join(parts[:-1]))
        return None, _clean(parts[-1]) if parts else None

    def _undated(self, text: str) -> None:
        for item in _NUMBERED_ITEM.split(text):
            description = _clean(item)
            if description:
                self.milestones.append(Milestone(description, self.sub_project))


def _clean(text: str) -> str | None:
    return " ".join(text.split()).strip(_SEPARATORS) or None


def _numbered_days(line: str, matches: list[re.Match[str]]) -> set[int]:
    """Positions of 'day month year' matches that are really items of a numbered
    list ('1 July 2017. 2 March 2019. 3. October 2018'): the numbers of the line's
    items, read in order, count up one by one."""
    numbers: list[tuple[int, int | None]] = []
    position = 0
    for index, match in enumerate(matches):
        label = _NUMBER_ONLY.match(line[position:match.start()].strip(_SEPARATORS))
        if match.lastgroup == "day_month":
            numbers.append((int(match["dd"]), index))
        elif label is not None and label["n"].isdigit():
            numbers.append((int(label["n"]), None))
        position = match.end()
    counted = [number for number, _ in numbers]
    if len(counted) < 2 or counted != list(range(counted[0], counted[0] + len(counted))):
        return set()
    return {index for _, index in numbers if index is not None}


def _when(match: re.Match[str]) -> _When:
    try:
        return _FORM_READERS[match.lastgroup or ""](match)
    except ValueError:
        return _When(unreadable=Unreadable(match.group(0), NOT_A_DAY))


def _numbered_item(match: re.Match[str]) -> _When:
    """'1 July 2017' read as item 1 of a numbered list, due in July 2017."""
    return _When(*_month_days(int(match["dy"]), _month(match["dm"])), number=match["dd"])


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".").casefold()]


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _month_days(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return (datetime.date(year, month, 1),
            datetime.date(year, month, calendar.monthrange(year, month)[1]))


def _dmy(text: str) -> datetime.date:
    day, month, year = text.split("/")
    return datetime.date(_year(year), int(month), int(day))


def _read_dmy_range(match: re.Match[str]) -> _When:
    return _When(_dmy(match["from"]), _dmy(match["to"]))


def _read_dmy(match: re.Match[str]) -> _When:
    day = _dmy(match["day"])
    return _When(day, day)


def _read_month_range(match: re.Match[str]) -> _When:
    first, last, year = _month(match["m1"]), _month(match["m2"]), _year(match["y2"])
    first_year = _year(match["y1"]) if match["y1"] else year - (first > last)
    return _When(_month_days(first_year, first)[0], _month_days(year, last)[1])


def _read_month_either(match: re.Match[str]) -> _When:
    first, last, year = _month(match["e1"]), _month(match["e2"]), _year(match["ey"])
    return _When(_month_days(year - (first > last), first)[0], _month_days(year, last)[1])


def _read_end_of(match: re.Match[str]) -> _When:
    last = _month_days(_year(match["eyear"]), _month(match["em"]))[1]
    return _When(last, last)


def _read_day_month(match: re.Match[str]) -> _When:
    day = datetime.date(int(match["dy"]), _month(match["dm"]), int(match["dd"]))
    return _When(day, day)


def _read_month(match: re.Match[str]) -> _When:
    return _When(*_month_days(_year(match["my"]), _month(match["mm"])))


def _read_short_year(match: re.Match[str]) -> _When:
    return _When(unreadable=Unreadable(match.group(0), SHORT_YEAR))


def _read_lone_year(match: re.Match[str]) -> _When:
    word = match["word"]
    if word and difflib.get_close_matches(word.casefold(), MONTHS, n=1, cutoff=0.7):
        return _When(unreadable=Unreadable(match.group(0), f"'{word}' is {NOT_A_MONTH}"))
    return _When(unreadable=Unreadable(match["ly"], YEAR_ALONE))


def _read_lone_month(match: re.Match[str]) -> _When:
    return _When(unreadable=Unreadable(match.group(0), MONTH_ALONE))


_FORM_READERS = {
    "dmy_range": _read_dmy_range, "dmy": _read_dmy, "month_range": _read_month_range,
    "month_either": _read_month_either, "end_of": _read_end_of, "day_month": _read_day_month,
    "month": _read_month, "short_year": _read_short_year, "lone_year": _read_lone_year,
    "lone_month": _read_lone_month,
}


def phase_named(text: str) -> Phase | None:
    """The phase a heading names, in any of the spellings the timescales use."""
    match = _PHASE.fullmatch(" ".join(text.split()))
    return Phase[match.lastgroup or ""] if match is not None else None


def with_milestones(plan: ProjectPlan) -> ProjectPlan:
    """``plan`` with every key area's milestones read from its timescale text."""
    return dataclasses.replace(plan, focus_areas=tuple(
        dataclasses.replace(focus, key_areas=tuple(
            dataclasses.replace(key_area, milestones=read_timescale(key_area.timescale))
            for key_area in focus.key_areas))
        for focus in plan.focus_areas))
