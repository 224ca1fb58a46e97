"""Sheet 1: which HWB, and who to contact."""

from __future__ import annotations

from .._elements import Field, Input, Page, Sheet, Text, Type, words
from .names import HWB_ID

_PROVIDE = words("Please provide:")


def _contact(at: str, key: str, description: str, hint: str) -> tuple[Field, Text]:
    return (Field(at, Input(Type.TEXT, f"hwb_id.{key}"), _PROVIDE, "B9", description=description),
            Text(f"C{at[1:]}", words(hint), "hint"))


def hwb_id_sheet() -> Sheet:
    return Sheet(HWB_ID, (
        Text("B1", words("Health and Wellbeing Board Details"), "title"),
        Text("B3", words("ROCR approval applied for"), "note"),
        Field("B7", Input(Type.TEXT, "hwb_id.hwb", choices="hwbs"),
              words("Please select Health and Wellbeing Board:"), "B5",
              description="Health and Wellbeing Board"),
        *_contact("B11", "contact_name", "Contact name", "Name"),
        *_contact("B13", "contact_email", "Contact email", "Email address"),
        *_contact("B15", "contact_phone", "Contact phone", "Telephone number"),
    ), widths=(2, 48, 20), page=Page(freeze="A2"))
