"""The quarter's exports: the check-in summary, the quarter-end scorecard, the check-ins CSV.

- Check-in summary (PDF and Markdown): who was there, each key result's value, confidence,
  blocker and next step at this check-in, its progress over the quarter, the decisions.
- Scorecard (PDF and Markdown): each key result's score and band, each objective's score
  by its goal type, the decisions per objective, the wins and the retrospective.
- Check-ins CSV: one row per key result per check-in, oldest first.

The pictures in the PDF are SVG drawn here (WeasyPrint renders inline SVG), so no plotting
library is needed: a line of the key result's progress at each check-in across the period,
and a bar per score whose band is told by a fill pattern and a word, not by colour alone.
User text is escaped in HTML (the template's autoescape) and in Markdown (`escape`), and
guarded against spreadsheet formulas in the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from workshop.core.coach.period import parse_period
from workshop.core.domain import Workshop
from workshop.core.exports.csv_format import guard
from workshop.core.exports.markdown import escape as md_escape
from workshop.core.okr.checkins import long_date
from workshop.core.okr.meetings import (
    CheckInRecord,
    QuarterEndRecord,
    checkin_log,
    following_moves,
)
from workshop.core.okr.quarter_view import (
    KeyResultLine,
    ScoredObjective,
    band_words,
    key_result_label,
    key_result_lines,
    percent_text,
    progress_words,
    scorecard,
)
from workshop.core.okr.scoring import band_of, score_text

CSV_COLUMNS = (
    "date",
    "objective_no",
    "objective",
    "key_result_no",
    "key_result",
    "key_result_type",
    "start",
    "target",
    "unit",
    "owner",
    "value",
    "previous_value",
    "progress",
    "confidence",
    "note",
    "blocker",
    "next_step",
    "entered_by",
)


@dataclass(frozen=True)
class QuarterFiles:
    """What the quarter's exports are made from.

    Every entry is shown under the key result it was made for, where that key result is
    now (`following_moves`): the check-in log and the scorecard read the records that way,
    and the check-in being summarised, whose entries the summary lists itself, is read so
    here."""

    subject: Workshop
    checkins: Sequence[CheckInRecord]  # every check-in meeting of the period
    current: CheckInRecord | None = None  # the check-in being summarised
    quarter_end: QuarterEndRecord | None = None

    def __post_init__(self) -> None:
        if self.current is not None:
            object.__setattr__(self, "current", following_moves(self.subject, self.current))

    def lines(self) -> list[KeyResultLine]:
        return key_result_lines(self.subject, checkin_log(self.subject, self.checkins))

    def scorecard(self) -> list[ScoredObjective]:
        record = self.quarter_end or QuarterEndRecord(date=dt.date.today())
        return scorecard(self.subject, checkin_log(self.subject, self.checkins), record)


# -- the CSV -----------------------------------------------------------------------


def checkins_csv(files: QuarterFiles) -> bytes:
    """One row per key result per check-in, oldest first (UTF-8 with a BOM for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    subject = files.subject
    rows = []
    for line in files.lines():
        objective = subject.objectives[line.objective_index]
        kr = line.key_result
        history = checkin_log(subject, files.checkins).history(
            line.objective_index, line.key_result_index
        )
        for check_in, (_day, progress) in zip(history.check_ins, line.series, strict=True):
            rows.append(
                (
                    check_in.date,
                    line.objective_index,
                    line.key_result_index,
                    [
                        check_in.date.isoformat(),
                        str(line.objective_index + 1),
                        objective.text,
                        str(line.key_result_index + 1),
                        kr.text,
                        kr.kind.value,
                        kr.start,
                        kr.target,
                        kr.unit,
                        kr.owner,
                        check_in.value,
                        check_in.previous_value or "",
                        "" if progress is None else f"{progress:.2f}",
                        str(check_in.confidence),
                        check_in.note,
                        check_in.blocker,
                        check_in.next_step,
                        check_in.entered_by,
                    ],
                )
            )
    for *_key, row in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        writer.writerow([guard(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- pictures (SVG) --------------------------------------------------------------------

_BAND_FILL = {"red": "#c0392b", "orange": "#d68910", "green": "#1e8449"}


def progress_svg(line: KeyResultLine, period: str, *, width: int = 300, height: int = 64) -> Markup:
    """The key result's progress at each check-in, across the period, as an inline SVG.

    Dates sit on the x axis (the period's first to last day when it is a quarter), progress
    from 0 to 100% on the y axis; a dashed line marks the target. Points the app could not
    measure are left out. The band shows as the point's shape as well as its colour.
    """
    pad_left, pad_right, pad_y = 30, 8, 8
    inner_w, inner_h = width - pad_left - pad_right, height - 2 * pad_y
    span = parse_period(period)
    days = [day for day, _v in line.series]
    if span is not None:
        first, last = span.start, span.end
    elif days:
        first, last = min(days), max(days)
    else:
        first = last = dt.date.today()
    total = max(1, (last - first).days)

    def x(day: dt.date) -> float:
        return pad_left + inner_w * min(1.0, max(0.0, (day - first).days / total))

    def y(value: float) -> float:
        return pad_y + inner_h * (1 - min(1.0, max(0.0, value)))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="progress-chart" role="img">',
        f'<line x1="{pad_left}" y1="{y(1):.1f}" x2="{width - pad_right}" y2="{y(1):.1f}" '
        'stroke="#555" stroke-dasharray="4 3" stroke-width="1"/>',
        f'<line x1="{pad_left}" y1="{y(0):.1f}" x2="{width - pad_right}" y2="{y(0):.1f}" '
        'stroke="#999" stroke-width="1"/>',
        f'<text x="{pad_left - 4}" y="{y(1) + 3:.1f}" font-size="8" text-anchor="end">100%</text>',
        f'<text x="{pad_left - 4}" y="{y(0) + 3:.1f}" font-size="8" text-anchor="end">0%</text>',
    ]
    points = [(day, value) for day, value in line.series if value is not None]
    if len(points) > 1:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#222" stroke-width="1.6"/>')
    for day, value in points:
        band = band_of(round(min(1.0, max(0.0, value)), 1)).colour
        fill = _BAND_FILL[band]
        cx, cy = x(day), y(value)
        if band == "red":  # a square
            parts.append(
                f'<rect x="{cx - 3:.1f}" y="{cy - 3:.1f}" width="6" height="6" fill="{fill}"/>'
            )
        elif band == "orange":  # a diamond
            parts.append(
                f'<polygon points="{cx:.1f},{cy - 4:.1f} {cx + 4:.1f},{cy:.1f} '
                f'{cx:.1f},{cy + 4:.1f} {cx - 4:.1f},{cy:.1f}" fill="{fill}"/>'
            )
        else:  # a circle
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{fill}"/>')
    if not points:
        parts.append(
            f'<text x="{pad_left + 4}" y="{height / 2 + 3:.1f}" font-size="9">'
            "no measured check-in yet</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _band_marks(band: str, width: float, height: float) -> list[str]:
    """The fill of a score bar: hatched for red, dotted for orange, solid for green."""
    if band == "green":
        return [f'<rect x="0.5" y="0.5" width="{width:.1f}" height="{height}" fill="#1e8449"/>']
    light = "#f5d5d1" if band == "red" else "#fbe8c8"
    marks = [f'<rect x="0.5" y="0.5" width="{width:.1f}" height="{height}" fill="{light}"/>']
    step = 5
    if band == "red":
        x = 0.5
        while x < width:
            end = min(width + 0.5, x + height)
            rise = end - x
            marks.append(
                f'<line x1="{x:.1f}" y1="{height + 0.5:.1f}" x2="{end:.1f}" '
                f'y2="{height + 0.5 - rise:.1f}" stroke="#c0392b" stroke-width="1.3"/>'
            )
            x += step
    else:
        x = 3.0
        while x < width:
            for y in (height / 3, 2 * height / 3):
                marks.append(f'<circle cx="{x:.1f}" cy="{y + 0.5:.1f}" r="1.2" fill="#d68910"/>')
            x += step
    return marks


def score_svg(score: float | None, *, width: int = 140, height: int = 14) -> Markup:
    """A bar as long as the score; its fill says the band (hatched red, dotted orange,
    solid green), so a greyscale print keeps the bands apart."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="score-bar" role="img">',
    ]
    if score is not None:
        parts += _band_marks(band_of(score).colour, (width - 1) * score, height - 1)
    parts.append(
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" '
        'stroke="#333" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


# -- Markdown ---------------------------------------------------------------------------


def _md(text: str) -> str:
    return md_escape(text, table=True)


def checkin_markdown(files: QuarterFiles) -> bytes:
    subject, current = files.subject, files.current
    assert current is not None
    out = [
        f"# Check-in of {long_date(current.date)}",
        "",
        f"{_md(subject.team or 'Our team')} · {_md(subject.period)}",
        "",
        f"**Here:** {', '.join(_md(n) for n in current.present) or 'not recorded'}",
        "",
        "| # | Key result | Today | Progress | Over the quarter | Confidence | Blocking "
        "| Next step |",
        "|---|---|---|---|---|---|---|---|",
    ]
    today = {(e.objective_index, e.key_result_index): e.check_in for e in current.entries}
    for line in files.lines():
        mine = today.get((line.objective_index, line.key_result_index))
        value = percent_text(line.progress.value)
        out.append(
            f"| {line.number} | {_md(key_result_label(line.key_result))} | "
            f"{_md(mine.value) if mine else '(not checked in)'} | {value} "
            f"{progress_words(line.progress.value) if line.progress.value is not None else ''} | "
            f"{line.picture or '—'} | {mine.confidence if mine else '—'} | "
            f"{_md(mine.blocker) if mine else ''} | {_md(mine.next_step) if mine else ''} |"
        )
    out += ["", "## Decisions", ""]
    out += [f"- {_md(d)}" for d in current.decisions] or ["No decisions recorded."]
    return ("\n".join(out) + "\n").encode("utf-8")


def scorecard_markdown(files: QuarterFiles) -> bytes:
    subject = files.subject
    record = files.quarter_end or QuarterEndRecord(date=dt.date.today())
    out = [
        f"# Scorecard · {_md(subject.team or 'Our team')} · {_md(subject.period)}",
        "",
        "Bands: RED 0.0-0.4 no real progress · ORANGE 0.5-0.6 progress, but short of the goal"
        " · GREEN 0.7-1.0 the goal was delivered.",
        "",
    ]
    decisions = {d.objective_index: d for d in record.retrospective.decisions}
    for scored in files.scorecard():
        out += [
            f"## {scored.objective_index + 1}. {_md(scored.text)} ({scored.goal_type.value})",
            "",
            f"**Objective score:** {scored.score.description}. {scored.score.explanation}",
            "",
            "| # | Key result | Score | Band | Over the quarter |",
            "|---|---|---|---|---|",
        ]
        for kr in scored.key_results:
            out.append(
                f"| {kr.line.number} | {_md(key_result_label(kr.line.key_result))} | "
                f"{kr.score_label} | {band_words(kr.score)} | {kr.line.picture or '—'} |"
            )
        decision = decisions.get(scored.objective_index)
        if decision is not None:
            out += ["", f"**Next period:** {decision.decision.value}: {_md(decision.reason)}"]
        out.append("")
    new = [d for d in record.retrospective.decisions if d.objective_index is None]
    if new:
        out += ["## To start", ""]
        out += [f"- {_md(d.text)}: {_md(d.reason)}" for d in new]
        out.append("")
    retro = record.retrospective
    out += ["## Wins and thanks", ""]
    out += [
        f"- {_md(w.text)}"
        + (f" (thanks to {', '.join(_md(t) for t in w.thanks)})" if w.thanks else "")
        for w in retro.wins
    ] or ["None recorded."]
    for title, entries in (
        ("What went well", retro.went_well),
        ("What did not go well", retro.did_not_go_well),
        ("What we change in how we set OKRs", retro.change_how_we_set_okrs),
    ):
        out += ["", f"## {title}", ""]
        out += [f"- {_md(e)}" for e in entries] or ["None recorded."]
    return ("\n".join(out) + "\n").encode("utf-8")


# -- PDF ----------------------------------------------------------------------------------


def _html(template: str, files: QuarterFiles, title: str, page_size: str) -> str:
    from workshop.core.exports.pdf import PAGE_CSS, environment

    subject = files.subject
    running = " · ".join(p for p in (subject.team, subject.period) if p.strip()) or "Our OKRs"
    return (
        environment()
        .get_template(template)
        .render(
            title=title,
            running=running,
            page_size=PAGE_CSS[page_size],
            subject=subject,
            files=files,
            lines=files.lines(),
            long_date=long_date,
            percent=percent_text,
            band_words=band_words,
            progress_words=progress_words,
            label=key_result_label,
            progress_svg=lambda line: progress_svg(line, subject.period),
            score_svg=score_svg,
            score_text=score_text,
            escape=escape,
        )
    )


def checkin_pdf(files: QuarterFiles, *, page_size: str = "a4") -> bytes:
    from workshop.core.exports.pdf import html_to_pdf

    assert files.current is not None
    title = f"Check-in of {long_date(files.current.date)}"
    return html_to_pdf(_html("checkin.html.j2", files, title, page_size))


def scorecard_pdf(files: QuarterFiles, *, page_size: str = "a4") -> bytes:
    from workshop.core.exports.pdf import html_to_pdf

    return html_to_pdf(_html("scorecard.html.j2", files, "Quarter-end scorecard", page_size))


def _stem(subject: Workshop) -> str:
    from workshop.core.exports.names import export_stem

    return export_stem(subject.team, subject.period, subject.id)


def write_checkin(files: QuarterFiles, folder: Path | None = None) -> list[Path]:
    """The check-in summary (PDF, Markdown) and the check-ins CSV, each written atomically.

    Everything is rendered before anything is written, so a failure writes nothing.
    """
    from workshop.core.exports.atomic import write_atomic
    from workshop.core.paths import exports_dir

    assert files.current is not None
    where = folder or exports_dir()
    stem = f"{_stem(files.subject)}-checkin-{files.current.date.isoformat()}"
    rendered = [
        (where / f"{stem}.pdf", checkin_pdf(files)),
        (where / f"{stem}.md", checkin_markdown(files)),
        (where / f"{_stem(files.subject)}-checkins.csv", checkins_csv(files)),
    ]
    return [write_atomic(path, data) for path, data in rendered]


def write_scorecard(files: QuarterFiles, folder: Path | None = None) -> list[Path]:
    """The quarter-end scorecard (PDF, Markdown) and the check-ins CSV, written atomically."""
    from workshop.core.exports.atomic import write_atomic
    from workshop.core.paths import exports_dir

    where = folder or exports_dir()
    stem = f"{_stem(files.subject)}-scorecard"
    rendered = [
        (where / f"{stem}.pdf", scorecard_pdf(files)),
        (where / f"{stem}.md", scorecard_markdown(files)),
        (where / f"{_stem(files.subject)}-checkins.csv", checkins_csv(files)),
    ]
    return [write_atomic(path, data) for path, data in rendered]


def meeting_file_name(files: QuarterFiles, kind: str, fmt: str) -> str:
    """The default file name of a meeting's export: "<stem>-checkin-<date>.pdf",
    "<stem>-scorecard.md", "<stem>-checkins.csv"."""
    stem = _stem(files.subject)
    if fmt == "csv":
        return f"{stem}-checkins.csv"
    if kind == "checkin":
        assert files.current is not None
        return f"{stem}-checkin-{files.current.date.isoformat()}.{fmt}"
    return f"{stem}-scorecard.{fmt}"


def render_meeting(files: QuarterFiles, kind: str, fmt: str, *, page_size: str = "a4") -> bytes:
    """A check-in's summary or a quarter-end's scorecard as PDF or Markdown, or the
    check-ins CSV. Raises ExportError for a format a meeting does not have."""
    from workshop.core.exports.errors import ExportError

    if fmt == "csv":
        return checkins_csv(files)
    if fmt not in ("pdf", "md"):
        raise ExportError(
            f"a {kind.replace('_', '-')} meeting exports as pdf, md or csv, not {fmt}"
        )
    if kind == "checkin":
        return checkin_pdf(files, page_size=page_size) if fmt == "pdf" else checkin_markdown(files)
    return scorecard_pdf(files, page_size=page_size) if fmt == "pdf" else scorecard_markdown(files)
