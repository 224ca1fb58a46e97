"""A comparison of two submissions, or of two rounds, as text, Markdown, JSON
or one self-contained HTML page.

Names, file names, typed text and messages come from councils' files: text
and Markdown show them as the check reports do (``render.printable`` and
``render.markdown_text``), HTML escapes markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jinja2

from ._addresses import cell_reference, sheet_reference
from ._output import strict_json
from ._text import is_number
from .diff import Change, RoundDiff, SubmissionDiff
from .findings import Finding, cell_references, counted
from .render import markdown_text as markdown
from .render import printable, with_unit

FORMATS = ("text", "markdown", "json", "html")
Diff = SubmissionDiff | RoundDiff

#: The sections of changed figures, in the order they are shown.
SECTIONS = (("overrides_removed", "Typed-over formulas removed"),
            ("overrides_added", "Typed-over formulas added"),
            ("inputs", "Inputs changed"),
            ("derived", "Derived figures changed"),
            ("ratings", "Ratings changed"))


def render_diff(diff: Diff, format: str) -> str:
    renderers: dict[str, Callable[[Diff], str]] = {
        "text": render_text, "markdown": render_markdown, "json": render_json, "html": render_html}
    return renderers[format](diff)


def render_json(diff: Diff) -> str:
    return strict_json(diff.to_dict(), ensure_ascii=False, indent=1, default=str) + "\n"


# --- words shared by the formats ------------------------------------------------------

def figure(value: Any, unit: str | None = None, exact: bool = False) -> str:
    """A figure as the check reports show it, with its unit; ``exact`` keeps
    the digits that rounding drops."""
    if value is None:
        return "blank"
    return with_unit(value, unit, exact) if is_number(value) else printable(value)


def where(change: Change | Finding) -> str:
    """The cells of a change or a finding as the check reports write them."""
    if isinstance(change, Finding):
        return ", ".join(cell_references(change))
    return cell_reference(change.sheet, change.cell) if change.cell else sheet_reference(change.sheet)


def headline(diff: SubmissionDiff) -> str:
    counts = ", ".join(f"{len(getattr(diff, name))} {title.lower()}" for name, title in SECTIONS)
    other = (f"two HWBs' files compared ({printable(diff.old_hwb)} before, "
             f"{printable(diff.hwb)} now); " if diff.old_hwb else "")
    return (f"{other}{counts}; findings: {len(diff.findings_new)} new, {len(diff.findings_resolved)} "
            f"resolved, {len(diff.findings_unchanged)} unchanged")


def round_headline(diff: RoundDiff) -> str:
    return (f"{counted(len(diff.resubmitted), 'HWB')} resubmitted with changes, {len(diff.unchanged)} "
            f"unchanged, {len(diff.added)} new in this round, {len(diff.missing)} missing from "
            f"it; {len(diff.duplicates)} sent more than one file, {len(diff.unreadable)} "
            f"unreadable, {len(diff.blank)} blank")


def round_lists(diff: RoundDiff) -> list[tuple[str, list[str]]]:
    """The HWBs and files of a round comparison that need a word, by heading."""
    return [("Missing from the new round", [f"{hwb} (was {file})" for hwb, file in diff.missing]),
            ("New in this round", [f"{hwb} ({file})" for hwb, file in diff.added]),
            ("More than one file", [f"{d.hwb}: {d.counted} counts (the later by {d.basis}); "
                                    f"superseded: {', '.join(d.superseded)}" for d in diff.duplicates]),
            ("Unreadable", list(diff.unreadable)), ("Blank templates", list(diff.blank)),
            ("Not compared (project plans: see 'bcf-workbook plan check')", list(diff.left_out)),
            ("Unchanged", list(diff.unchanged))]


def _findings(diff: SubmissionDiff) -> Iterator[tuple[str, Finding]]:
    yield from (("new", finding) for finding in diff.findings_new)
    yield from (("resolved", finding) for finding in diff.findings_resolved)


# --- text ---------------------------------------------------------------------------

def render_text(diff: Diff) -> str:
    lines = _round_text(diff) if isinstance(diff, RoundDiff) else _submission_text(diff)
    return "\n".join(lines) + "\n"


def _submission_text(diff: SubmissionDiff) -> list[str]:
    lines = [f"{printable(diff.hwb or 'no HWB')}: {printable(diff.old_file)} -> "
             f"{printable(diff.new_file)}: {'changed' if diff.changed else 'no change'}",
             f"  {headline(diff)}"]
    for name, title in SECTIONS:
        changes = getattr(diff, name)
        if changes:
            lines.append(f"  {title} ({len(changes)}):")
            lines += [f"    {printable(where(c))}  {c.label}: {_side(c, 'old')} -> {_side(c, 'new')}"
                      for c in changes]
    for status, finding in _findings(diff):
        lines.append(f"  {status:<8} {finding.severity.value:<7} {finding.code:<28} "
                     f"{printable(where(finding))}: {printable(finding.message)}")
    return lines


def _round_text(diff: RoundDiff) -> list[str]:
    lines = [f"Rounds compared: {round_headline(diff)}"]
    for title, items in round_lists(diff):
        lines += [f"  {title.lower()}: {printable(item)}" for item in items]
    for submission in diff.resubmitted:
        lines += _submission_text(submission)
    return lines


# --- Markdown -------------------------------------------------------------------------

def render_markdown(diff: Diff) -> str:
    if isinstance(diff, RoundDiff):
        lines = ["# Two rounds compared", "", markdown(round_headline(diff)), ""]
        lines += _round_lists(diff)
        for submission in diff.resubmitted:
            lines += _submission_markdown(submission, "##")
    else:
        lines = _submission_markdown(diff, "#")
    return "\n".join(lines) + "\n"


def _round_lists(diff: RoundDiff) -> list[str]:
    lines = []
    for title, items in round_lists(diff):
        if items:
            lines += [f"**{title}**", "", *(f"- {markdown(item)}" for item in items), ""]
    return lines


def _submission_markdown(diff: SubmissionDiff, level: str) -> list[str]:
    lines = [f"{level} {markdown(diff.hwb or 'no HWB')}", "",
             f"{markdown(diff.old_file)} → {markdown(diff.new_file)}: {markdown(headline(diff))}", ""]
    for name, title in SECTIONS:
        changes = getattr(diff, name)
        if changes:
            lines += [f"**{title}**", "", "| Cell | Figure | Was | Now |", "|---|---|---|---|"]
            lines += [f"| {markdown(where(c))} | {markdown(c.label)} | {markdown(_side(c, 'old'))} | "
                      f"{markdown(_side(c, 'new'))} |" for c in changes]
            lines.append("")
    found = list(_findings(diff))
    if found:
        lines += ["**Findings new and resolved**", "", "| Status | Severity | Code | Where | Finding |",
                  "|---|---|---|---|---|"]
        lines += [f"| {status} | {f.severity.value} | {f.code} | {markdown(where(f))} | "
                  f"{markdown(f.message)} |" for status, f in found]
        lines.append("")
    return lines


def _side(change: Change, side: str) -> str:
    """One side of a change: the figure as submitted, and as the template
    intends it where that differs (a derived figure typed over)."""
    value, intended = getattr(change, side), getattr(change, side + "_intended")
    exact = _rounding_hides(change)
    shown = figure(value, change.unit, exact)
    if intended is None or intended == value:
        return shown
    return f"{shown} (as intended {figure(intended, change.unit, exact)})"


def _rounding_hides(change: Change) -> bool:
    """True when two different figures of a change (before and after, typed
    and intended) would look alike rounded as the reports round them."""
    figures = {float(value) for value in (change.old, change.new, change.old_intended,
                                          change.new_intended) if is_number(value)}
    return len({with_unit(value, change.unit) for value in figures}) < len(figures)


# --- HTML ---------------------------------------------------------------------------

_HTML = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string("""\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body{font-family:Arial,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}.was{color:#a00}.now{color:#060}
.new{background:#fde2e2}.resolved{background:#e2f5e2}
@media print{body{margin:0}}
</style></head><body>
<h1>{{ title }}</h1>
{% if round %}<p>{{ round.headline }}</p>
{% for title, items in round.lists if items %}<h2>{{ title }}</h2><ul>
{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>{% endfor %}{% endif %}
{% for s in submissions %}
<h2>{{ s.hwb }}</h2><p>{{ s.old_file }} → {{ s.new_file }}: {{ s.headline }}</p>
{% for title, changes in s.sections if changes %}<h3>{{ title }}</h3>
<table><tr><th>Cell</th><th>Figure</th><th>Was</th><th>Now</th></tr>
{% for c in changes %}<tr><td>{{ c.where }}</td><td>{{ c.label }}</td><td class="was">{{ c.old }}</td>
<td class="now">{{ c.new }}</td></tr>{% endfor %}</table>{% endfor %}
{% if s.findings %}<h3>Findings new and resolved</h3>
<table><tr><th>Status</th><th>Severity</th><th>Code</th><th>Where</th><th>Finding</th></tr>
{% for f in s.findings %}<tr class="{{ f.status }}"><td>{{ f.status }}</td><td>{{ f.severity }}</td>
<td>{{ f.code }}</td><td>{{ f.where }}</td><td>{{ f.message }}</td></tr>{% endfor %}</table>{% endif %}
{% endfor %}
</body></html>
""")


def render_html(diff: Diff) -> str:
    if isinstance(diff, RoundDiff):
        round_view: dict[str, Any] | None = {"headline": round_headline(diff),
                                             "lists": round_lists(diff)}
        submissions, title = list(diff.resubmitted), "Two rounds compared"
    else:
        round_view, submissions = None, [diff]
        title = f"{diff.hwb or 'Submission'}: two versions compared"
    return _HTML.render(title=title, round=round_view,
                        submissions=[_submission_view(item) for item in submissions])


def _submission_view(diff: SubmissionDiff) -> dict[str, Any]:
    return {
        "hwb": diff.hwb or "no HWB", "old_file": diff.old_file, "new_file": diff.new_file,
        "headline": headline(diff),
        "sections": [(title, [{"where": where(c), "label": c.label, "old": _side(c, "old"),
                               "new": _side(c, "new")} for c in getattr(diff, name)])
                     for name, title in SECTIONS],
        "findings": [{"status": status, "severity": f.severity.value, "code": f.code,
                      "where": where(f), "message": f.message} for status, f in _findings(diff)]}
