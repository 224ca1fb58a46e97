"""The catalogue of check codes. Every rule a check can raise is declared
here once; the documentation (docs/checks.md) is generated from it."""

from __future__ import annotations

from ..findings import Rule, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {rule.code: rule for rule in (
    # 1. stale or overwritten derived cells
    Rule("derived-overwritten", E, "A formula was typed over with a different value",
         "A cell the template calculates holds a constant, and the constant differs from what "
         "the formula gives. Everything that depends on the cell uses the typed value.",
         "Restore the formula (bcf-workbook fix does this) or correct the inputs it depends on.",
         "4.1, 2.12"),
    Rule("derived-overwritten-same", W, "A formula was typed over with the same value",
         "A cell the template calculates holds a constant equal to the formula's value today; "
         "it will not follow later changes to the inputs.",
         "Restore the formula (bcf-workbook fix does this).", "4.1, 2.12"),
    Rule("projection-overwritten", N, "A projection was overwritten",
         "The template allows the HWB to overwrite its straight-line projections; this one "
         "differs from the straight line.",
         "Nothing to fix if the local projection is deliberate; say why in the narrative.",
         "2.7"),
    Rule("derived-formula-changed", W, "A formula differs from the template's",
         "A cell the template calculates holds a formula other than the template's.",
         "Restore the template's formula (bcf-workbook fix does this).", "4.1"),
    Rule("derived-stale", W, "A saved value is out of date",
         "The value saved in the file for a formula differs from what the formula gives: the "
         "workbook was not recalculated before it was saved.",
         "Recalculate (F9) and save again.", "4.1"),
    # 2-5. money
    Rule("spend-not-funding", E, "Total spend differs from total contributions",
         "The expenditure plan's total for a year is not the pooled budget's total contribution.",
         "Make the schemes' expenditure add up to the contributions, or correct the "
         "contributions.", "4.2"),
    Rule("minimum-spend-not-contribution", E,
         "Spend from the CCG minimum differs from the CCG minimum contribution",
         "Schemes whose source of funding is the CCG Minimum Contribution do not add up to the "
         "CCG minimum contributions of that year.",
         "Correct the source of funding of the schemes or the contributions.", "4.2"),
    Rule("source-without-contribution", E, "Spend from a source that contributes nothing",
         "Schemes are funded from a source that has no contribution in that year.",
         "Add the contribution on '2. HWB Funding Sources' or correct the schemes' source.",
         "4.2"),
    Rule("below-minimum-pool", E, "Contributions below the minimum pooled budget",
         "The total contribution is below the HWB's minimum pooled budget in the reference data.",
         "Increase the contributions to at least the minimum.", "4.3"),
    Rule("protection-above-social-care", E, "Protection of adult social care above social care spend",
         "The amount confirmed for the protection of adult social care is more than the social "
         "care spend of the expenditure plan in that year.",
         "Correct the confirmed amount or the schemes' areas of spend.", "4.4"),
    Rule("protection-without-spend", E, "Protection of adult social care in a year with no spend",
         "An amount is confirmed for the protection of adult social care in a year in which "
         "the expenditure plan spends nothing.",
         "Complete the expenditure plan for that year or remove the amount.", "4.4"),
    Rule("ringfence-shortfall", E, "Shortfall of contribution to NHS commissioned services",
         "The NHS commissioned out-of-hospital spend from the minimum pool is below the "
         "combined performance and ringfenced fund.",
         "Commission more out-of-hospital services from the minimum pool.", "4.5, 2.9"),
    # 6. benefits
    Rule("benefit-total-not-product", E, "A benefit's total is not change × unit price",
         "The total (saving) of a benefit row differs from its change in activity times its "
         "unit price.", "Restore the total's formula.", "4.6"),
    Rule("benefit-without-figures", W, "A benefit without figures",
         "A benefit row names schemes but gives no change in activity or no unit price, so it "
         "saves nothing.", "Give both figures, or remove the row.", "4.6"),
    Rule("non-elective-unit-price", W, "Non-elective unit price other than the national cost",
         "A non-elective benefit is priced other than at the national average cost of a "
         "non-elective admission (£1,490).",
         "Use £1,490, or explain the local price.", "4.6"),
    Rule("non-elective-saving-not-p4p", E, "Non-elective savings differ from the P4P saving",
         "The 2015/16 non-elective savings of the benefits plan are more than 5% away from the "
         "P4P annual saving.", "Make the benefits plan agree with the P4P metric.", "4.6"),
    Rule("benefit-double-counting", W, "Benefits counted twice",
         "For the same benefit type and organisation there are both an 'Aggregated benefit of "
         "schemes' row and per-scheme rows.",
         "Give either the aggregated row or the per-scheme rows, not both.", "4.6, 2.4"),
    Rule("number-in-text-column", W, "A number in a text column",
         "A column that holds text (names, explanations) holds a number.",
         "Move the number to the column it belongs to.", "4.6"),
    Rule("stray-value", W, "A value where the template has none",
         "A value was typed into a cell the template leaves empty, such as the total row "
         "under a text column.", "Remove it, or move it where it belongs.", "4.6"),
    # 7. P4P
    Rule("p4p-rating-red", E, "P4P metric rated red",
         "The planned non-elective admissions are worse than the baseline, or an input is "
         "missing or invalid.", "Revise the plan, or complete the inputs.", "4.7, 2.5"),
    Rule("p4p-rating-amber", W, "P4P metric rated amber",
         "The planned reduction in non-elective admissions is less than 3.5%.",
         "Give the rationale, or plan a larger reduction.", "4.7, 2.5"),
    Rule("p4p-quarter-rating", N, "A P4P quarter rated red or amber",
         "A quarter of the payment period improves on the same baseline quarter by less than "
         "3.5%, or not at all.", "Check the quarterly profile of the plan.", "2.5"),
    Rule("rationale-missing", E, "Rationale missing for a red or amber rating",
         "A red or amber rating needs a rationale, and none is given.",
         "Give the rationale beside the rating.", "4.7, 2.5, 2.6"),
    Rule("ccg-shares-not-100", E, "CCG population shares do not add up to 100%",
         "The shares of the HWB's resident population in each CCG do not add up to 100%.",
         "Correct the CCG table on '5. HWB P4P metric'.", "4.7"),
    Rule("denominator-not-reference", W, "A population differs from the reference data",
         "A pre-populated population (denominator) differs from the reference data for the HWB.",
         "Use the reference population, or explain the change.", "4.7"),
    # 8. supporting metrics
    Rule("rate-not-ratio", E, "A rate differs from numerator / denominator",
         "A rate or percentage is not its numerator divided by its denominator (beyond display "
         "rounding).", "Restore the formula.", "4.8"),
    Rule("denominator-jump", W, "A denominator changes by more than 50% in a year",
         "A denominator changes by more than half from one year to the next.",
         "Check that each year counts the same population.", "4.8"),
    Rule("proportion-above-100", E, "A proportion above 100%",
         "More people are counted in the numerator than in the denominator.",
         "Correct the numerator or denominator.", "4.8"),
    Rule("plan-worse-than-projection", W, "Plan worse than doing nothing",
         "A planned value is worse than the straight-line projection without the BCF.",
         "Revise the plan, or explain why the projection does not apply.", "4.8, 2.7"),
    Rule("metric-rating-red", W, "A supporting metric rated red",
         "A planned value is worse than its baseline, or an input is missing or invalid.",
         "Revise the plan or complete the inputs, and give the rationale.", "2.6"),
    Rule("metric-missing", E, "A supporting metric is missing",
         "A supporting metric has no name or no figures.", "Complete the metric.", "4.8"),
    # 9. completeness
    Rule("required-input-missing", E, "A required input is missing",
         "An item of the Cover's completion checklist is not complete.",
         "Complete the input named in the message.", "4.9, 2.10"),
    Rule("other-not-specified", E, "'Other' chosen without saying what",
         "'Other' is chosen in a dropdown and the column that says what it is is empty.",
         "Say what 'Other' is.", "4.9"),
    Rule("joint-shares-missing", E, "Joint commissioning without the NHS and LA shares",
         "A scheme is jointly commissioned but its % NHS or % LA is missing.",
         "Give both shares.", "4.9"),
    Rule("joint-shares-not-100", E, "Joint shares do not add up to 100%",
         "A jointly commissioned scheme's % NHS and % LA do not add up to 100%.",
         "Correct the shares.", "2.3"),
    Rule("unreadable-value", E, "A value that is not understood",
         "A cell holds text that is not a number, or not one of its dropdown's values.",
         "Type a number, or choose from the dropdown.", "4.9"),
    Rule("formula-in-input", E, "A formula in an input cell",
         "An input cell holds a formula. It is read as text and never run; in the council's "
         "file it may run, or link elsewhere.", "Type the value itself.", "4.9"),
    Rule("label-not-found", W, "A label of the template was not found",
         "A label the reader looks for is not in the file, so the cells beside it were read "
         "as blank.", "Restore the template's label.", "2"),
    # 10. identity
    Rule("hwb-unknown", E, "The HWB is not in the reference list",
         "The Health and Wellbeing Board is blank or not one of the reference data's HWBs, so "
         "nothing can be checked against its reference figures.",
         "Choose the HWB from the dropdown on '1. HWB ID'.", "4.10"),
    Rule("email-malformed", E, "The contact email does not look like an address",
         "The contact email is not of the form name@organisation.domain.",
         "Correct the email on '1. HWB ID'.", "4.10"),
)}


def rule(code: str) -> Rule:
    return RULES[code]


def catalogue_markdown() -> str:
    """docs/checks.md: the catalogue as published, generated from RULES."""
    lines = ["# Check codes", "",
             "Generated from `bcf_workbook/checks/catalogue.py` by `python scripts/regenerate.py`;",
             "a test fails when this page and the code disagree. Codes are stable: a code is never",
             "reused for another meaning. Spec sections refer to `part2-template.md`.", "",
             "| Code | Severity | Finding | What it means | How to fix it | Spec |",
             "|---|---|---|---|---|---|"]
    for item in RULES.values():
        lines.append(f"| `{item.code}` | {item.severity.value} | {item.title} | {item.meaning} | "
                     f"{item.fix} | {item.spec} |")
    return "\n".join(lines) + "\n"
