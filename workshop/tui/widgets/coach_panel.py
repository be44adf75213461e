"""The live coach: what the coach thinks of the statement being edited, as the room types.

A screen mounts one `CoachPanel` (in the guide's `#guide-extra`, or its own column)
and tells it what is focused:

- `show_objective(text)` and `show_key_result(kr, siblings, period)` judge a draft
  (`show_key_result_from(read, period)` reads the draft only when it judges).
  They are debounced: the judging runs `delay` seconds after the last call, on a
  timer that each call restarts, so typing never waits for the coach.
- `show_counts(findings)` shows the findings about the whole set (from
  `judge_counts`, filtered by the screen), straight away.
- `flush()` runs a pending judgement now (tests, and when focus moves).

An empty draft shows the formula (`formula`, from the agenda) instead of findings.
The panel keeps what it shows as state and paints the parts that exist: a screen
may call it before it is mounted or after the stage has been left (a debounce
timer can fire while the panel is being removed), and nothing then fails.
The panel never takes focus. Its styles live in `coach_panel.tcss` beside this
module, one of the shared `workshop.tui.styles.STAGE_CSS`.

Painting is cheap when the panel keeps its size: a line whose height does not change is
only redrawn (`_show_text`). Textual lays out the whole screen again for any change of
size, every widget of the stage placed anew: 20-50 ms on a full key results stage, most
of what the coach's comment cost once the room paused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.visual import VisualType
from textual.widgets import Static

from workshop.core.agenda.model import Formula
from workshop.core.coach import Finding, Severity, judge_key_result, judge_objective, verdict
from workshop.core.domain import KeyResult
from workshop.core.textsafe import visible

DELAY_SECONDS = 0.3

# A word per severity, so the panel reads the same on a greyscale projector.
WORDS: dict[Severity, str] = {
    Severity.SERIOUS: "Rework",
    Severity.ADVICE: "Consider",
    Severity.INFO: "Note",
}
_STYLES: dict[Severity, str] = {
    Severity.SERIOUS: "bold reverse $error",
    Severity.ADVICE: "bold $warning",
    Severity.INFO: "bold $primary",
}
_ORDER = {Severity.SERIOUS: 0, Severity.ADVICE: 1, Severity.INFO: 2}


def badge(severity: Severity) -> str:
    """The word shown before a finding of this severity."""
    return WORDS[severity]


class CoachPanel(Vertical):
    """The coach's findings for one draft statement, plus the findings about the whole set."""

    can_focus = False
    can_focus_children = False

    def __init__(
        self,
        formula: Formula | None = None,
        *,
        delay: float = DELAY_SECONDS,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.add_class("coach-panel")
        self.formula = formula
        self.delay = delay
        self.findings: list[Finding] = []  # what the panel shows now, for tests
        self.count_findings: list[Finding] = []
        self.subject = ""  # "objective", "key result", or "" for the formula
        self._timer: Timer | None = None
        self._job: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Coach", classes="coach-heading")
        yield Static("", classes="coach-body")
        yield Static("", classes="coach-counts")

    def on_mount(self) -> None:
        if self.subject:
            self._paint(self.findings, self.subject)
        else:
            self._paint_formula("")
        self._paint_counts()
        if self._job is not None:  # asked to judge before it was running
            self._timer = self.set_timer(self.delay, self.flush, name="coach-debounce")

    def _part(self, selector: str) -> Static | None:
        """One of the panel's lines; None before they are mounted or once they are gone."""
        return next(self.query(selector).results(Static), None)

    # -- the API the stage screens use --------------------------------------

    def show_objective(self, text: str) -> None:
        """Judge an objective draft after the typing pauses."""
        self._schedule(lambda: self._judge_objective(text))

    def show_key_result(
        self, kr: KeyResult | str, siblings: Sequence[str] = (), period: str = ""
    ) -> None:
        """Judge a key result draft after the typing pauses."""
        self._schedule(lambda: self._judge_key_result(kr, siblings, period))

    def show_key_result_from(
        self, read: Callable[[], tuple[KeyResult, Sequence[str]] | None], period: str = ""
    ) -> None:
        """Like `show_key_result`, but the draft and its siblings are read (`read`) only
        when the judging runs, not on every key; None from `read` (the row is gone) skips it."""

        def job() -> None:
            draft = read()
            if draft is not None:
                self._judge_key_result(draft[0], draft[1], period)

        self._schedule(job)

    def show_counts(self, findings: Sequence[Finding]) -> None:
        """Show findings about the whole set (too many objectives...), now."""
        self.count_findings = list(findings)
        self._paint_counts()

    def _paint_counts(self) -> None:
        counts = self._part(".coach-counts")
        if counts is not None:
            _show_text(counts, _findings_content(self.count_findings, hints=True))
            counts.display = bool(self.count_findings)

    def show_findings(self, findings: Sequence[Finding], subject: str = "") -> None:
        """Show findings computed elsewhere, now (cancels any pending judgement)."""
        self._cancel()
        self._paint(list(findings), subject)

    def flush(self) -> None:
        """Run the pending judgement now, if there is one."""
        job, self._job = self._job, None
        self._cancel()
        if job is not None:
            job()

    @property
    def pending(self) -> bool:
        """True while a judgement waits for the typing to pause."""
        return self._job is not None

    # -- internals -------------------------------------------------------------

    def _schedule(self, job: Callable[[], None]) -> None:
        self._job = job
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_running:
            self._timer = self.set_timer(self.delay, self.flush, name="coach-debounce")
        # Otherwise the panel is not running yet (or any more): `flush()` or the next
        # call judges it.

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _judge_objective(self, text: str) -> None:
        if not text.strip():
            self._paint_formula("objective")
            return
        self._paint(judge_objective(text), "objective")

    def _judge_key_result(self, kr: KeyResult | str, siblings: Sequence[str], period: str) -> None:
        text = kr.text if isinstance(kr, KeyResult) else kr
        if not text.strip():
            self._paint_formula("key result")
            return
        self._paint(judge_key_result(kr, siblings=siblings, period=period), "key result")

    def _paint_formula(self, subject: str) -> None:
        self.findings = []
        self.subject = ""
        self._set_heading(subject, None)
        self.set_class(False, "-serious")
        body = self._part(".coach-body")
        if body is None:
            return
        if self.formula is None:
            _show_text(body, "Start typing: the coach reads along.")
            return
        _show_text(
            body,
            Content.assemble(
                ("Formula  ", "bold $secondary"),
                self.formula.text,
                "\n",
                ("e.g. ", "italic"),
                (self.formula.example, "italic"),
            ),
        )

    def _paint(self, findings: list[Finding], subject: str) -> None:
        self.findings = sorted(findings, key=lambda f: _ORDER[f.severity])
        self.subject = subject
        poor = verdict(self.findings) == "poor"
        self._set_heading(subject, poor)
        self.set_class(poor, "-serious")
        body = self._part(".coach-body")
        if body is None:
            return
        if not self.findings:
            _show_text(body, Content.styled("Nothing to fix: this reads well.", "$success"))
        else:
            _show_text(body, _findings_content(self.findings, hints=True))

    def _set_heading(self, subject: str, poor: bool | None) -> None:
        parts: list[str | tuple[str, str]] = [("Coach", "bold")]
        if subject:
            parts.append(f" · this {subject}")
        if poor is True:
            parts += ["  ", (" Rework ", "bold reverse $error")]
        elif poor is False:
            parts += ["  ", (" Good ", "bold reverse $success")]
        if (heading := self._part(".coach-heading")) is not None:
            _show_text(heading, Content.assemble(*parts))


def _show_text(part: Static, content: VisualType) -> None:
    """Show `content` in one of the panel's lines; lay out again only if its height changes."""
    width = part.content_size.width
    if not width or not part.display:  # not laid out yet, or hidden: nothing to keep
        part.update(content)
        return
    before = part.content_size.height
    part.update(content, layout=False)
    if part.get_content_height(part.content_size, part.app.size, width) != before:
        part.refresh(layout=True)


def _findings_content(findings: Sequence[Finding], *, hints: bool) -> Content:
    """Each finding as "<Word> message" and, under it, "→ hint"."""
    lines: list[Content] = []
    for finding in findings:
        lines.append(
            Content.assemble(
                (f"{WORDS[finding.severity]}:", _STYLES[finding.severity]),
                " ",
                visible(finding.message),
            )
        )
        if hints and finding.hint:
            lines.append(Content.assemble(("  → ", "$foreground 70%"), visible(finding.hint)))
    return Content("\n").join(lines)
