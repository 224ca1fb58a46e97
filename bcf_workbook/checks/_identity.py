"""Section 4.10: who submits."""

from __future__ import annotations

from collections.abc import Iterator

from .._text import looks_like_email
from ..findings import ERROR, Finding, Rule
from ..layout import keys
from ._context import Context
from ._registry import raises

HWB_UNKNOWN = Rule(
    "hwb-unknown", ERROR, "The HWB is not in the reference list",
    "The Health and Wellbeing Board is blank or not one of the reference data's HWBs, so nothing "
    "can be checked against its reference figures.",
    "Choose the HWB from the dropdown on '1. HWB ID'.", "4.10")
EMAIL_MALFORMED = Rule(
    "email-malformed", ERROR, "The contact email does not look like an address",
    "The contact email is not of the form name@organisation.domain.",
    "Correct the email on '1. HWB ID'.", "4.10")

@raises(HWB_UNKNOWN, EMAIL_MALFORMED)
def identity(ctx: Context) -> Iterator[Finding]:
    if ctx.hwb is None:
        name = ctx.submission.hwb
        yield ctx.finding(HWB_UNKNOWN, [keys.HWB],
                          "No Health and Wellbeing Board is chosen." if not name else
                          f"'{name}' is not a Health and Wellbeing Board of the reference data.",
                          actual=name)
    email = ctx.submission.hwb_id.contact_email
    if email and not looks_like_email(email):
        yield ctx.finding(EMAIL_MALFORMED, [keys.CONTACT_EMAIL],
                          f"The contact email '{email}' does not look like an address.",
                          actual=email)
