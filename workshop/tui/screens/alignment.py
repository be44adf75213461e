"""The alignment view on the projector: company objectives, their key results and the
team objectives serving each, by team (issue 18).

The organisation is read in a thread (never on the event loop) and laid out with
`Content`, so every team's words show literally. Team objectives that serve
nothing in the company's OKRs are listed as the team's own, not as a fault.
F2 writes the view as PDF and Markdown to exports/ in a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from workshop.core.org.alignment import Alignment, TeamGroup, cascade_title
from workshop.core.org.export import UNALIGNED_NOTE, UNSUPPORTED_NOTE, no_own_objectives_note
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS

MODEL_SHORT = {"duality": "duality", "flexible": "flexible", "bottom-up": "bottom-up"}


def _text(value: str, empty: str = "(no words yet)") -> str:
    return visible(value) or empty


def _groups(groups: tuple[TeamGroup, ...], indent: str) -> list[Content]:
    lines = []
    for group in groups:
        model = MODEL_SHORT.get(group.team.cascade_model or "", "no model yet")
        for objective in group.objectives:
            lines.append(
                Content.assemble(
                    indent,
                    (_text(group.team.name, "(a team)"), "bold $accent"),
                    (f" ({model})", "$foreground 70%"),
                    "  ",
                    _text(objective.text),
                )
            )
    return lines


def alignment_lines(alignment: Alignment) -> list[tuple[Content, str]]:
    """(line, CSS class) for the whole view, in reading order."""
    out: list[tuple[Content, str]] = []
    for t in alignment.teams:
        out.append(
            (
                Content.assemble(
                    (_text(t.team.name, "(a team)"), "bold $accent"),
                    f" · {cascade_title(t.team.cascade_model)}",
                    f" · {t.aligned} serving the company, {t.unaligned} of its own",
                ),
                "teams",
            )
        )
    if not alignment.teams:
        out.append((Content("No team workshop is linked to this company yet."), "teams"))
    for number, item in enumerate(alignment.objectives, start=1):
        out.append((Content(f"{number}. {_text(item.objective.text)}"), "company-objective"))
        if item.serving:
            out.append((Content("the objective as a whole:"), "label"))
            out += [(line, "serving") for line in _groups(item.serving, "")]
        for kr_number, kr in enumerate(item.key_results, start=1):
            out.append(
                (
                    Content.assemble(
                        (f"KR {number}.{kr_number} ", "bold"), _text(kr.key_result.text)
                    ),
                    "company-kr",
                )
            )
            if kr.serving:
                out += [(line, "serving") for line in _groups(kr.serving, "")]
            else:
                out.append((Content("no team objective serves this yet"), "gap"))
    out.append((Content("Company key results no team supports"), "section"))
    if alignment.unsupported:
        out.append((Content(UNSUPPORTED_NOTE), "note"))
        for gap in alignment.unsupported:
            out.append(
                (
                    Content(f"{gap.label} {_text(gap.key_result.text)}"),
                    "gap-item",
                )
            )
    else:
        out.append((Content("Every company key result has a team objective serving it."), "note"))
    out.append((Content("Team objectives of their own"), "section"))
    if alignment.unaligned:
        out.append((Content(UNALIGNED_NOTE), "note"))
        out += [(line, "own") for line in _groups(alignment.unaligned, "")]
    else:
        out.append((Content(no_own_objectives_note(alignment)), "note"))
    return out


class AlignmentScreen(Screen[None]):
    """The whole organisation's alignment, read once when opened (F5 in here reads again)."""

    CSS_PATH = STAGE_CSS
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("f2", "export", "PDF + Markdown"),
        Binding("r", "reload", "Read again"),
    ]

    def __init__(self, read: Callable[[], Alignment], *, export_dir: Path) -> None:
        super().__init__(id="alignment")
        self.read = read
        self.export_dir = export_dir
        self.alignment: Alignment | None = None

    def compose(self) -> ComposeResult:
        yield Label("Alignment across teams", id="alignment-title")
        yield Label("Reading the organisation…", id="alignment-status", markup=False)
        yield VerticalScroll(id="alignment-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#alignment-body").focus()
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="alignment-read")
    def load(self) -> None:
        try:
            alignment = self.read()
        except Exception as error:  # the database said no: one line, the view stays
            message = f"Could not read the organisation: {visible(str(error).splitlines()[0])}"
            self.app.call_from_thread(self._status, message)
            return
        self.app.call_from_thread(self.call_later, self.show, alignment)

    def _status(self, message: str) -> None:
        self.query_one("#alignment-status", Label).update(Content(message))

    async def show(self, alignment: Alignment) -> None:
        self.alignment = alignment
        org = alignment.organisation
        period = f" · {visible(org.period)}" if org.period else ""
        self.query_one("#alignment-title", Label).update(
            Content(f"Alignment across teams · {_text(org.name, 'the company')}{period}")
        )
        self._status(
            f"{len(org.objectives)} company objectives · {alignment.key_result_count} key "
            f"results · {len(alignment.teams)} teams · Esc back · F2 PDF and Markdown"
        )
        body = self.query_one("#alignment-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(
            Static(line, classes=f"align-line {kind}", markup=False)
            for line, kind in alignment_lines(alignment)
        )

    def action_export(self) -> None:
        if self.alignment is None:
            self.notify("The organisation is still being read.")
            return
        self._status("Writing the PDF and the Markdown…")
        self.export(self.alignment)

    @work(thread=True, exclusive=True, group="alignment-export")
    def export(self, alignment: Alignment) -> None:
        from workshop.core.exports.names import export_stem
        from workshop.core.org.export import write

        org = alignment.organisation
        stem = "alignment-" + export_stem(org.name, org.period, org.company_id)
        try:
            written = [
                write(alignment, self.export_dir / f"{stem}.{fmt}", fmt) for fmt in ("pdf", "md")
            ]
        except Exception as error:  # one line; no half-written file (atomic writes)
            self.app.call_from_thread(self._status, f"Not written: {str(error).splitlines()[0]}")
            return
        self.app.call_from_thread(
            self._status, "Written: " + ", ".join(str(path) for path in written)
        )

    def action_close(self) -> None:
        self.dismiss(None)
