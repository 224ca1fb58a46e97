"""The bundled submissions: Peterborough as published, and synthetic ones.

``peterborough()`` rebuilds the council's submission of September 2014 from
the published figures (``sample_data/peterborough-2014-16.json``) with the
edits of the council's own file: constants typed over formulas, a stray
number, blanks where figures were due. The expenditure rows are a
reconstruction whose totals match the published Summary; the published file
showed only totals.

``synthetic()`` makes a plausible, internally consistent submission for a
synthetic HWB from a seed; ``random_submission()`` makes an arbitrary one,
blanks, odd choices and unreadable text included, for tests.
"""

from __future__ import annotations

import dataclasses
import json
import random
from importlib import resources
from typing import Any

from . import vocab
from .model import (
    NOT_A_NUMBER,
    NOT_IN_LIST,
    Benefit,
    CcgActivity,
    Contribution,
    Funding,
    HwbId,
    Override,
    OwnMetric,
    Scheme,
    Submission,
    Unreadable,
)
from .prefill import blank_submission
from .reference import ReferenceData, load_reference
from .vocab import (
    AreaOfSpend,
    BenefitType,
    Commissioner,
    Direction,
    FundingSource,
    NewOrExisting,
    Organisation,
    Provider,
)

PETERBOROUGH_OVERRIDES = {
    "metrics.residential_admissions.rate.2013/14": 592.8,
    "metrics.reablement.percent.2013/14": 73.8,
    "metrics.delayed_transfers.rate.Q1 15/16": 1033.3,
    "metrics.delayed_transfers.rate.Q2 15/16": 916.6,
    "metrics.delayed_transfers.rate.Q3 15/16": 813.0,
    "metrics.delayed_transfers.rate.Q4 15/16": 711.7,
}
PETERBOROUGH_STRAY = {"benefits.2015/16.total_row.how": 9770401500}


def published() -> dict[str, Any]:
    """The specification's Peterborough figures, as shipped with the package."""
    text = resources.files(__package__).joinpath("sample_data/peterborough-2014-16.json")
    return json.loads(text.read_text(encoding="utf-8"))


def peterborough(reference: ReferenceData | None = None) -> Submission:
    data = published()["submission"]
    blank = blank_submission(reference or load_reference(), data["hwb_id"]["hwb"])
    metrics = data["supporting_metrics"]
    minimum = {row["name"]: row for row in data["funding_sources"]["ccg_minimum_contribution"]}
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(**data["hwb_id"]),
        funding=Funding(
            local_authority=tuple(_contribution(row) for row in
                                  data["funding_sources"]["local_authority_social_services"]),
            ccg_minimum=tuple(_contribution(minimum.get(row.name, {"name": row.name}))
                              for row in blank.funding.ccg_minimum),
            additional_ccg=tuple(_contribution(row) for row in
                                 data["funding_sources"]["additional_ccg_contribution"])),
        expenditure=tuple(_scheme(row) for row in data["expenditure_plan"]),
        benefits={year: tuple(_benefit(row) for row in rows)
                  for year, rows in data["benefits_plan"].items()},
        p4p=dataclasses.replace(blank.p4p, numerator=dict(data["p4p_metric"]["plan_numerators"]),
                                rationale=data["p4p_metric"]["rationale"]),
        metrics=dataclasses.replace(
            blank.metrics,
            residential_admissions=dataclasses.replace(
                blank.metrics.residential_admissions,
                numerator=metrics["residential_admissions"]["numerators"],
                denominator=metrics["residential_admissions"]["denominators"]),
            reablement=dataclasses.replace(
                blank.metrics.reablement, numerator=metrics["reablement"]["numerators"],
                denominator=metrics["reablement"]["denominators"]),
            delayed_transfers=dataclasses.replace(
                blank.metrics.delayed_transfers,
                numerator=metrics["delayed_transfers"]["numerators"])),
        summary=dataclasses.replace(
            blank.summary,
            protection_of_adult_social_care=data["summary"]["protection_of_adult_social_care"],
            protection_if_different=data["summary"]["protection_if_different"]),
        overrides=tuple(Override(key, value) for key, value in PETERBOROUGH_OVERRIDES.items()),
        stray=dict(PETERBOROUGH_STRAY),
    )


def _contribution(row: dict[str, Any]) -> Contribution:
    return Contribution(row.get("name"), {year: row.get(year) for year in vocab.YEARS})


def _scheme(row: dict[str, Any]) -> Scheme:
    return Scheme(
        name=row["scheme"], area_of_spend=AreaOfSpend(row["area_of_spend"]),
        commissioner=Commissioner(row["commissioner"]), provider=Provider(row["provider"]),
        source_of_funding=FundingSource(row["source_of_funding"]),
        expenditure={year: row[year] for year in vocab.YEARS},
        new_or_existing=NewOrExisting(row["new_or_existing"]))


def _benefit(row: dict[str, Any]) -> Benefit:
    return Benefit(
        benefit_type=BenefitType(row["benefit"]), other=row["other"], schemes=row["schemes"],
        organisation=Organisation(row["organisation"]), change=row["change"],
        unit_price=row["unit_price"], how=row["how"])


# --- synthetic submissions ---------------------------------------------------------

CLEAN_SAMPLE_HWB = "Synthetic HWB 001"


def synthetic(seed: int, hwb: str | None = None, schemes: int | None = None,
              reference: ReferenceData | None = None) -> Submission:
    """A plausible submission whose figures agree with each other: spend
    equals funding, plans improve on baselines, benefits match the P4P saving."""
    reference = reference or load_reference()
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    names = [name for name in reference.hwb_names if name.startswith("Synthetic")]
    blank = blank_submission(reference, hwb or rng.choice(names))
    number = int(blank.hwb.rsplit(" ", 1)[-1]) if blank.hwb else 0
    hwb_ref = reference.get(blank.hwb or "")
    minimum = {year: hwb_ref.values[f"minimum_pooled_budget_gbp.{year}"] / 1000
               for year in vocab.YEARS}
    local = {year: round(minimum[year] * rng.uniform(0.05, 0.15)) for year in vocab.YEARS}
    ccg_minimum = _split(minimum, [ccg.name for ccg in blank.funding.ccg_minimum], rng)
    scheme_rows = _schemes(schemes or rng.randint(6, 14), minimum, local, hwb_ref, rng)
    p4p = _p4p_plan(blank, rng)
    social_care = {year: sum(_number(s.expenditure[year]) for s in scheme_rows
                             if s.area_of_spend is AreaOfSpend.SOCIAL_CARE)
                   for year in vocab.YEARS}
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(blank.hwb, f"Synthetic Contact {number:03d}",
                     f"bcf.lead{number:03d}@example.org", f"01632 960{number:03d}"),
        funding=Funding(
            local_authority=(Contribution(hwb_ref.values["local_authority"], local),),
            ccg_minimum=ccg_minimum),
        expenditure=scheme_rows,
        benefits=_benefits(p4p, blank, rng),
        p4p=p4p,
        metrics=_metrics(blank, rng),
        summary=dataclasses.replace(
            blank.summary,
            protection_of_adult_social_care={
                year: round(social_care[year] * rng.uniform(0.5, 1.0)) for year in vocab.YEARS}),
    )


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _split(totals: dict[str, float], names: list[str | None],
           rng: random.Random) -> tuple[Contribution, ...]:
    weights = [rng.uniform(1, 4) for _ in names]
    rows = []
    for index, name in enumerate(names):
        amounts = {}
        for year, total in totals.items():
            shares = [round(total * weight / sum(weights)) for weight in weights]
            shares[0] += round(total) - sum(shares)
            amounts[year] = shares[index]
        rows.append(Contribution(name, amounts))
    return tuple(rows)


def _schemes(count: int, minimum: dict[str, float], local: dict[str, float], hwb_ref: Any,
             rng: random.Random) -> tuple[Scheme, ...]:
    """Schemes that spend the CCG minimum and the LA contribution exactly;
    enough CCG-commissioned community spend to cover the ringfenced fund."""
    combined = hwb_ref.values["combined_performance_and_ringfenced_fund_gbp"] / 1000
    rows: list[Scheme] = []
    for source, totals in ((FundingSource.CCG_MINIMUM, minimum),
                           (FundingSource.LOCAL_AUTHORITY, local)):
        share = count - 1 if source is FundingSource.CCG_MINIMUM else 1
        amounts = {year: _pieces(totals[year], share, rng) for year in vocab.YEARS}
        if source is FundingSource.CCG_MINIMUM:
            for year in vocab.YEARS:
                amounts[year][0] = max(amounts[year][0], 0)
            amounts["2015/16"] = _cover(amounts["2015/16"], round(combined * 1.2))
        for index in range(share):
            area = AreaOfSpend.COMMUNITY_HEALTH if index == 0 and share > 1 else rng.choice(
                [AreaOfSpend.SOCIAL_CARE, AreaOfSpend.COMMUNITY_HEALTH, AreaOfSpend.PRIMARY_CARE,
                 AreaOfSpend.MENTAL_HEALTH])
            commissioner = (Commissioner.CCG if index == 0 and share > 1
                            else rng.choice(list(Commissioner)))
            joint = commissioner is Commissioner.JOINT
            nhs = round(rng.uniform(0.3, 0.7), 2) if joint else None
            rows.append(Scheme(
                name=f"Synthetic scheme {len(rows) + 1}", area_of_spend=area,
                commissioner=commissioner, share_nhs=nhs,
                share_la=round(1 - nhs, 2) if nhs is not None else None,
                provider=rng.choice([p for p in Provider if p is not Provider.OTHER]),
                source_of_funding=source,
                expenditure={year: amounts[year][index] for year in vocab.YEARS},
                new_or_existing=rng.choice(list(NewOrExisting))))
    return tuple(rows)


def _pieces(total: float, count: int, rng: random.Random) -> list[float]:
    weights = [rng.uniform(1, 5) for _ in range(count)]
    pieces: list[float] = [round(total * weight / sum(weights)) for weight in weights]
    pieces[-1] += round(total) - sum(pieces)
    return pieces


def _cover(pieces: list[float], needed: float) -> list[float]:
    """Move spend into the first piece until it reaches ``needed``."""
    moved = list(pieces)
    for index in range(1, len(moved)):
        if moved[0] >= needed:
            break
        take = min(moved[index], needed - moved[0])
        moved[0] += take
        moved[index] -= take
    return moved


def _baseline_numerators(blank: Submission) -> list[float]:
    """The P4P baseline numerators the template derives from the CCG rows."""
    return [sum(round(_number(ccg.activity[q]) * _number(ccg.share_of_ccg_population_in_hwb))
                for ccg in blank.p4p.ccgs) for q in vocab.P4P_BASELINE_QUARTERS]


def _p4p_plan(blank: Submission, rng: random.Random) -> Any:
    baseline = _baseline_numerators(blank)
    reduction = rng.uniform(0.04, 0.08)
    plans = [round(value * (1 - reduction)) for value in baseline]
    plans.append(round(plans[0] * (1 - reduction / 2)))
    return dataclasses.replace(blank.p4p, numerator=dict(zip(vocab.P4P_PLAN_QUARTERS, plans)))


def _benefits(p4p: Any, blank: Submission, rng: random.Random) -> dict[str, tuple[Benefit, ...]]:
    baseline = sum(_baseline_numerators(blank))
    plan = sum(p4p.numerator[q] for q in vocab.P4P_PAYMENT_QUARTERS)
    avoided = baseline - plan
    rows: dict[str, tuple[Benefit, ...]] = {}
    for year in vocab.YEARS:
        rows[year] = (
            Benefit(BenefitType.NON_ELECTIVE, None, "Aggregated benefit of schemes for "
                    "non-elective admissions", Organisation.NHS_COMMISSIONER,
                    avoided if year == "2015/16" else round(avoided / 4), 1490,
                    "Avoided admissions x national average cost; monitored monthly (SUS)"),
            Benefit(BenefitType.RESIDENTIAL_ADMISSIONS, None, "Aggregated benefit of schemes for "
                    "residential admissions", Organisation.LOCAL_AUTHORITY,
                    rng.randint(4, 20), rng.randint(20000, 30000),
                    "Avoided admissions x average annual placement cost"),
        )
    return rows


def _metrics(blank: Submission, rng: random.Random) -> Any:
    metrics = blank.metrics
    older = metrics.residential_admissions.denominator
    residential_rate = rng.uniform(450, 700) / 100_000
    residential = {year: round(_number(older[year]) * residential_rate * (1 - 0.05 * step))
                   for step, year in enumerate(vocab.METRIC_YEARS)}
    base_offered = rng.randint(80, 600)
    offered = {year: round(base_offered * rng.uniform(0.95, 1.1)) for year in vocab.METRIC_YEARS}
    at_home = {year: round(offered[year] * min(0.95, 0.78 + 0.04 * step))
               for step, year in enumerate(vocab.METRIC_YEARS)}
    delayed = _delayed_transfers_plan(blank)
    return dataclasses.replace(
        metrics,
        residential_admissions=dataclasses.replace(metrics.residential_admissions,
                                                   numerator=residential),
        reablement=dataclasses.replace(metrics.reablement, numerator=at_home, denominator=offered),
        delayed_transfers=dataclasses.replace(metrics.delayed_transfers, numerator=delayed),
        patient_experience=OwnMetric(
            "Percentage of people who feel supported to manage their condition",
            Direction.HIGHER_IS_BETTER, {"2013/14": 64.0, "2014/15": 66.0, "2015/16": 68.0}),
        local_metric=OwnMetric("Falls-related admissions per 100,000 (65+)",
                               Direction.LOWER_IS_BETTER,
                               {"2013/14": 2100.0, "2014/15": 2050.0, "2015/16": 1990.0}),
    )


def _delayed_transfers_plan(blank: Submission) -> dict[str, float]:
    """Baseline on the history's straight line; plans below it and falling."""
    history = blank.projections.delayed_transfers.days
    points = [(float(index + 1), _number(value)) for index, value in enumerate(history.values())]
    slope, intercept = _straight_line(points)

    def projected(quarter: str) -> float:
        middle = vocab.month_position(*vocab.quarter_months(quarter)[1])
        return max(3 * (intercept + slope * middle), 30.0)

    plan: dict[str, float] = {}
    for number, year in enumerate(vocab.METRIC_YEARS):
        for quarter in [q for q in vocab.DTOC_QUARTERS if q.endswith(year[2:])]:
            if number == 0:
                plan[quarter] = round(projected(quarter))
            else:
                previous = f"{quarter[:2]} {vocab.METRIC_YEARS[number - 1][2:]}"
                plan[quarter] = round(min(projected(quarter), plan[previous]) * 0.9)
    return plan


def _straight_line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x


# --- arbitrary submissions for tests -------------------------------------------------

_ODD_TEXT = ("about 300", "=1+1", "Ünïcödé ✓", "x" * 300, "'quoted'", " padded ", "12")


def random_submission(rng: random.Random, reference: ReferenceData | None = None) -> Submission:
    """Anything a council might hand in: any HWB or none, blanks anywhere, text
    where numbers belong, extreme numbers, long and non-ASCII text."""
    reference = reference or load_reference()
    hwb = rng.choice([None, *reference.hwb_names])
    blank = blank_submission(reference, hwb)
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(hwb, _text(rng), _text(rng), _text(rng)),
        funding=Funding(*(tuple(Contribution(_text(rng), {y: _num(rng) for y in vocab.YEARS})
                                for _ in range(rng.randint(0, 8))) for _ in range(3))),
        expenditure=tuple(_random_scheme(rng) for _ in range(rng.randint(0, 60))),
        benefits={year: tuple(_random_benefit(rng) for _ in range(rng.randint(0, 24)))
                  for year in vocab.YEARS},
        p4p=dataclasses.replace(
            blank.p4p, numerator={q: _num(rng, 5000) for q in vocab.P4P_PLAN_QUARTERS},
            ccgs=tuple(CcgActivity(_text(rng), {q: _num(rng, 20000)
                                                for q in vocab.P4P_BASELINE_QUARTERS},
                                   _share(rng), _share(rng))
                       for _ in range(rng.randint(0, 7))) if rng.random() < 0.3 else blank.p4p.ccgs,
            rationale=_text(rng)),
        metrics=dataclasses.replace(
            blank.metrics,
            residential_admissions=dataclasses.replace(
                blank.metrics.residential_admissions,
                numerator={y: _num(rng, 300) for y in vocab.METRIC_YEARS}),
            reablement=dataclasses.replace(
                blank.metrics.reablement, numerator={y: _num(rng, 900) for y in vocab.METRIC_YEARS},
                denominator={y: _num(rng, 900) for y in vocab.METRIC_YEARS}),
            delayed_transfers=dataclasses.replace(
                blank.metrics.delayed_transfers,
                numerator={q: _num(rng, 3000) for q in vocab.DTOC_QUARTERS}),
            patient_experience=OwnMetric(_text(rng), _choice(rng, Direction),
                                         {y: _num(rng, 100) for y in vocab.METRIC_YEARS})),
        summary=dataclasses.replace(blank.summary,
                                    protection_of_adult_social_care={y: _num(rng)
                                                                     for y in vocab.YEARS}),
    )


def _random_scheme(rng: random.Random) -> Scheme:
    return Scheme(_text(rng) or "Scheme", _choice(rng, AreaOfSpend), _text(rng),
                  _choice(rng, Commissioner), _share(rng), _share(rng), _choice(rng, Provider),
                  _choice(rng, FundingSource), {y: _num(rng) for y in vocab.YEARS},
                  _choice(rng, NewOrExisting))


def _random_benefit(rng: random.Random) -> Benefit:
    return Benefit(_choice(rng, BenefitType), _text(rng), _text(rng) or "Scheme",
                   _choice(rng, Organisation), _num(rng, 1000), _num(rng, 30000), _text(rng))


def _choice(rng: random.Random, choices: Any) -> Any:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.2:
        return Unreadable("Something else", NOT_IN_LIST)
    return rng.choice(list(choices))


def _num(rng: random.Random, scale: float = 20000) -> Any:
    roll = rng.random()
    if roll < 0.15:
        return None
    if roll < 0.2:
        return Unreadable(rng.choice(("about 300", "tbc", "n/k")), NOT_A_NUMBER)
    if roll < 0.25:
        return 0
    if roll < 0.28:
        return rng.choice((1e12, -5, 0.000001, 123456789.123))
    return round(rng.uniform(0, scale), rng.choice((0, 0, 2)))


def _share(rng: random.Random) -> Any:
    roll = rng.random()
    return None if roll < 0.2 else round(rng.uniform(0, 1.2 if roll < 0.3 else 1), 4)


def _text(rng: random.Random) -> str | None:
    roll = rng.random()
    if roll < 0.3:
        return None
    if roll < 0.45:
        return rng.choice(_ODD_TEXT)
    return f"Text {rng.randint(1, 10**6)}"


SAMPLE_FILES = {"peterborough-2014-16.xlsx": "peterborough",
                "synthetic-hwb-001-clean.xlsx": "clean"}
CLEAN_SAMPLE_SEED = 1


def sample(name: str, reference: ReferenceData | None = None) -> Submission:
    """A bundled sample by name: 'peterborough' or 'clean'."""
    if name == "peterborough":
        return peterborough(reference)
    return synthetic(CLEAN_SAMPLE_SEED, CLEAN_SAMPLE_HWB, reference=reference)


def write_samples(folder: Any, reference: ReferenceData | None = None) -> list[Any]:
    from pathlib import Path

    from .writer import write
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [write(sample(name, reference), folder / file, reference=reference)
            for file, name in SAMPLE_FILES.items()]
