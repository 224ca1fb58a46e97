"""Typed objects for a completed Part 2 workbook.

Plain frozen dataclasses; dropdown values are enums from :mod:`choices`; a blank
cell is ``None``; a value the reader could not understand is kept as
:class:`Unreadable` (its text and why), never turned into a number.
Period-keyed values are dicts whose keys are the template's period labels
('2014/15', 'Q4 13/14'), always holding every period of their row.

``to_dict``/``from_dict`` give a JSON-safe round trip; the dotted keys of
:func:`flatten` are the paths of ``to_dict`` and are the keys of the layout.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Union

from . import periods
from .choices import (
    AreaOfSpend,
    BenefitType,
    Commissioner,
    Direction,
    FundingSource,
    NewOrExisting,
    Organisation,
    Provider,
)
from .errors import SubmissionDataError


@dataclasses.dataclass(frozen=True)
class Unreadable:
    """A cell whose text could not be understood as its column's type."""

    text: str
    reason: str


NOT_A_NUMBER = "not a number"
NOT_IN_LIST = "not one of the dropdown's values"
A_FORMULA = "a formula typed into an input cell"
AN_ERROR = "a spreadsheet error value"


Number = Union[int, float]
NumberValue = Union[Number, Unreadable, None]
Periods = Mapping[str, NumberValue]


def blank_periods(periods: tuple[str, ...]) -> Periods:
    return {period: None for period in periods}


def _periods(periods: tuple[str, ...]) -> Any:
    return dataclasses.field(default_factory=lambda: blank_periods(periods))


@dataclasses.dataclass(frozen=True)
class HwbId:
    hwb: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


@dataclasses.dataclass(frozen=True)
class Contribution:
    name: str | None = None
    amounts: Periods = _periods(periods.YEARS)


@dataclasses.dataclass(frozen=True)
class Funding:
    local_authority: tuple[Contribution, ...] = ()
    ccg_minimum: tuple[Contribution, ...] = ()
    additional_ccg: tuple[Contribution, ...] = ()


@dataclasses.dataclass(frozen=True)
class Scheme:
    name: str | None = None
    area_of_spend: AreaOfSpend | Unreadable | None = None
    area_other: str | None = None
    commissioner: Commissioner | Unreadable | None = None
    share_nhs: NumberValue = None
    share_la: NumberValue = None
    provider: Provider | Unreadable | None = None
    source_of_funding: FundingSource | Unreadable | None = None
    expenditure: Periods = _periods(periods.YEARS)
    new_or_existing: NewOrExisting | Unreadable | None = None


@dataclasses.dataclass(frozen=True)
class Benefit:
    benefit_type: BenefitType | Unreadable | None = None
    other: str | None = None
    schemes: str | None = None
    organisation: Organisation | Unreadable | None = None
    change: NumberValue = None
    unit_price: NumberValue = None
    how: str | None = None


@dataclasses.dataclass(frozen=True)
class CcgActivity:
    name: str | None = None
    activity: Periods = _periods(periods.P4P_BASELINE_QUARTERS)
    share_of_ccg_population_in_hwb: NumberValue = None
    share_of_hwb_population_in_ccg: NumberValue = None


@dataclasses.dataclass(frozen=True)
class P4pMetric:
    """``numerator`` holds the five plan quarters the HWB types; the baseline
    numerators are derived from ``ccgs``."""

    numerator: Periods = _periods(periods.P4P_PLAN_QUARTERS)
    denominator: Periods = _periods(periods.P4P_QUARTERS)
    ccgs: tuple[CcgActivity, ...] = ()
    unit_cost: NumberValue = None
    rationale: str | None = None


@dataclasses.dataclass(frozen=True)
class RateMetric:
    """Residential admissions or reablement: one value per metric year."""

    numerator: Periods = _periods(periods.METRIC_YEARS)
    denominator: Periods = _periods(periods.METRIC_YEARS)
    rationale: str | None = None


@dataclasses.dataclass(frozen=True)
class DelayedTransfers:
    numerator: Periods = _periods(periods.DTOC_QUARTERS)
    denominator: Periods = _periods(periods.DTOC_QUARTERS)
    rationale: str | None = None


@dataclasses.dataclass(frozen=True)
class OwnMetric:
    """The patient experience metric or the local metric, chosen by the HWB."""

    name: str | None = None
    direction: Direction | Unreadable | None = None
    values: Periods = _periods(periods.METRIC_YEARS)
    rationale: str | None = None


@dataclasses.dataclass(frozen=True)
class SupportingMetrics:
    residential_admissions: RateMetric = RateMetric()
    reablement: RateMetric = RateMetric()
    delayed_transfers: DelayedTransfers = DelayedTransfers()
    patient_experience: OwnMetric = OwnMetric()
    local_metric: OwnMetric = OwnMetric()


@dataclasses.dataclass(frozen=True)
class NonElectiveHistory:
    count: Periods = _periods(periods.NON_ELECTIVE_HISTORY_QUARTERS)
    #: The populations the projected rates divide by (the original sheet holds
    #: its own, which need not be the P4P sheet's).
    denominator: Periods = _periods(periods.PROJECTION_QUARTERS)


@dataclasses.dataclass(frozen=True)
class RateHistory:
    rate: Periods = _periods(periods.HISTORY_YEARS)
    numerator: Periods = _periods(periods.HISTORY_YEARS)
    denominator: Periods = _periods(periods.HISTORY_YEARS)


@dataclasses.dataclass(frozen=True)
class PercentHistory:
    percent: Periods = _periods(periods.HISTORY_YEARS)
    numerator: Periods = _periods(periods.HISTORY_YEARS)
    denominator: Periods = _periods(periods.HISTORY_YEARS)


@dataclasses.dataclass(frozen=True)
class DelayedDaysHistory:
    days: Periods = _periods(periods.DTOC_HISTORY_MONTHS)
    denominator: Periods = _periods(periods.DTOC_PROJECTED_QUARTERS)


@dataclasses.dataclass(frozen=True)
class Projections:
    """The pre-populated history that the projections extend."""

    non_elective: NonElectiveHistory = NonElectiveHistory()
    residential_admissions: RateHistory = RateHistory()
    reablement: PercentHistory = PercentHistory()
    delayed_transfers: DelayedDaysHistory = DelayedDaysHistory()


@dataclasses.dataclass(frozen=True)
class SummaryInputs:
    protection_of_adult_social_care: Periods = _periods(periods.YEARS)
    protection_if_different: str | Number | None = None
    minimum_pooled_budget: Periods = _periods(periods.YEARS)


@dataclasses.dataclass(frozen=True)
class HwbP4p:
    """The pre-populated figure of the ``HWB P4P`` sheet, in £."""

    combined_total: NumberValue = None


@dataclasses.dataclass(frozen=True)
class Override:
    """A derived cell that does not hold the template's formula (section 2.12
    of the spec): a constant typed over it, or a formula of the council's own.

    ``value`` is what the file shows in the cell. For a formula, ``formula`` is
    its text as the file has it; ``translated`` is the same formula over the
    layout's keys (what the engine evaluates), or None with the reason in
    ``not_translated`` when it refers to something outside the template.
    """

    key: str
    value: Any
    formula: str | None = None
    translated: str | None = None
    not_translated: str | None = None


@dataclasses.dataclass(frozen=True)
class Submission:
    """A council's completed Part 2 workbook as typed objects: every input,
    the cells it typed over, and what it typed where the template has nothing."""

    hwb_id: HwbId = HwbId()
    funding: Funding = Funding()
    expenditure: tuple[Scheme, ...] = ()
    benefits: Mapping[str, tuple[Benefit, ...]] = dataclasses.field(
        default_factory=lambda: {year: () for year in periods.YEARS})
    p4p: P4pMetric = P4pMetric()
    metrics: SupportingMetrics = SupportingMetrics()
    projections: Projections = Projections()
    summary: SummaryInputs = SummaryInputs()
    hwb_p4p: HwbP4p = HwbP4p()
    overrides: tuple[Override, ...] = ()
    #: Values found where the template leaves a cell empty (the unused cells
    #: of a table's total row), by layout key, so that nothing typed is lost.
    stray: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: Cells outside the template that the file's own formulas read, by
    #: ``cell@<sheet>!<address>``: the values those formulas see.
    referenced: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: What an input cell shows where it is not the value as meant, by key: a
    #: number held as text ('10,390', which the workbook's SUM skips), or the
    #: value of a formula typed into an input (#N/A from =NA()). "As submitted"
    #: uses these, as the council's workbook does.
    shown: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: Figures whose cell shows them as a date, by key: the day shown (ISO
    #: 8601). The value is the date's serial number, as the workbook counts it.
    dates: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def hwb(self) -> str | None:
        return self.hwb_id.hwb

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dictionary; :meth:`from_dict` gives back an equal object."""
        return _encode(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Submission:
        try:
            return _decode(cls, data, "")
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise SubmissionDataError(f"not a submission: {error}") from None

    def overridden(self) -> dict[str, Override]:
        """The overrides by key."""
        return {override.key: override for override in self.overrides}


# --- generic encoding, driven by the dataclasses' type hints ---------------

def _encode(value: Any) -> Any:
    if isinstance(value, Unreadable):
        return {"unreadable": value.text, "reason": value.reason}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _encode(getattr(value, field.name))
                for field in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    return value


def _decode(hint: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        return _decode_union(typing.get_args(hint), value, path)
    if hint is Any:
        return value
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        return tuple(_decode(item_hint, item, f"{path}.{index}")
                     for index, item in enumerate(_as_list(value, path)))
    if origin in (dict, Mapping):
        item_hint = typing.get_args(hint)[1]
        return {str(key): _decode(item_hint, item, f"{path}.{key}")
                for key, item in _as_mapping(value, path).items()}
    if dataclasses.is_dataclass(hint):
        return _decode_dataclass(hint, value, path)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _decode_enum(hint, value, path)
    return _decode_scalar(hint, value, path)


def _decode_union(options: tuple[Any, ...], value: Any, path: str) -> Any:
    if value is None and type(None) in options:
        return None
    if isinstance(value, Unreadable) or (isinstance(value, Mapping) and "unreadable" in value):
        if Unreadable in options:
            return value if isinstance(value, Unreadable) else Unreadable(
                str(value["unreadable"]), str(value.get("reason", "")))
    errors = []
    for option in options:
        if option in (type(None), Unreadable):
            continue
        try:
            return _decode(option, value, path)
        except (TypeError, ValueError) as error:
            errors.append(str(error))
    raise ValueError(errors[0] if errors else f"{path}: unexpected {value!r}")


@functools.cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@functools.cache
def _default(cls: Any) -> Any:
    return cls()


@functools.cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(field.name for field in dataclasses.fields(cls))


def _decode_dataclass(cls: Any, value: Any, path: str) -> Any:
    if isinstance(value, cls):
        return value
    data = _as_mapping(value, path)
    hints = _hints(cls)
    names = _field_names(cls)
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{path or 'submission'}: unknown field(s) {sorted(unknown)}")
    arguments = {name: _decode(hints[name], item, f"{path}.{name}".lstrip("."))
                 for name, item in data.items()}
    return cls(**arguments)


def _decode_enum(cls: type[enum.Enum], value: Any, path: str) -> Any:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)
    except ValueError:
        raise ValueError(f"{path}: {value!r} is not one of {[m.value for m in cls]}") from None


def _decode_scalar(hint: Any, value: Any, path: str) -> Any:
    if hint is float or hint is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{path}: expected a number, got {value!r}")
        return value
    if hint is str:
        if not isinstance(value, str):
            raise TypeError(f"{path}: expected text, got {value!r}")
        return value
    raise TypeError(f"{path}: cannot decode {value!r}")


def _as_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"{path}: expected a list, got {type(value).__name__}")
    return list(value)


def _as_mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{path or 'submission'}: expected an object, got {type(value).__name__}")
    return value


# --- dotted keys ------------------------------------------------------------

def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted key, leaf) for every leaf of a model object; leaves are scalars,
    enums, ``Unreadable`` and ``None``."""
    if isinstance(value, Unreadable) or value is None:
        yield prefix, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in ("overrides", "stray", "referenced", "shown", "dates"):
                yield from flatten(getattr(value, field.name), _join(prefix, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, _join(prefix, str(key)))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from flatten(item, _join(prefix, str(index)))
    else:
        yield prefix, value


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def get_path(value: Any, key: str) -> Any:
    """The part of a model object at a dotted key (``expenditure.0.name``)."""
    for part in key.split(".") if key else ():
        if isinstance(value, tuple):
            value = value[int(part)]
        elif isinstance(value, dict):
            value = value[part]
        else:
            value = getattr(value, part)
    return value


def from_flat(values: Mapping[str, Any]) -> Submission:
    """A submission from (dotted key, leaf) pairs, as :func:`flatten` gives;
    missing keys stay blank. Table rows are numbered from 0."""
    nested: dict[str, Any] = {}
    for key, leaf in values.items():
        parts = key.split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = leaf
    return _decode(Submission, _complete(Submission, nested), "")


def _complete(cls: Any, data: dict[str, Any]) -> dict[str, Any]:
    """Fill period dicts to all their periods and turn row dicts into lists."""
    hints = _hints(cls)
    defaults = _default(cls)
    return {name: _complete_value(hints[name], value, getattr(defaults, name))
            for name, value in data.items()}


def _complete_value(hint: Any, value: Any, default: Any) -> Any:
    if not isinstance(value, dict):
        return value
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return [_complete_value(item, value[index], None) for index in sorted(value, key=int)]
    if dataclasses.is_dataclass(hint):
        return _complete(hint, value)
    if origin in (dict, Mapping):
        item = typing.get_args(hint)[1]
        merged = dict(default or {}) | value
        return {key: _complete_value(item, entry, None) for key, entry in merged.items()}
    return value
