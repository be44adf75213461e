"""Check-in, stage 4: where the quarter stands, as pictures, and the files to share.

Each key result is one line: its progress bar, its progress at every check-in of the
period (▁ to █), confidence and its band in words. F2 writes the check-in summary
(PDF, Markdown) and the check-ins CSV in a thread, so the clock keeps ticking.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static

from workshop.core.exports.quarter import write_checkin
from workshop.core.okr.checkins import long_date
from workshop.core.okr.quarter_view import key_result_lines, objective_progress_values, percent_text
from workshop.core.textsafe import visible
from workshop.tui.screens.checkin import MeetingStage
from workshop.tui.widgets.export_panel import one_line
from workshop.tui.widgets.quarter import history_text, key_result_text


class ExportDone(Message):
    def __init__(self, paths: list[Path], problem: str = "") -> None:
        super().__init__()
        self.paths = paths
        self.problem = problem


class ExportingStage(MeetingStage):
    """A meeting stage whose F2 writes files in a thread and says where they went."""

    BINDINGS = [Binding("f2", "export", "Write the files", show=True)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.exporting = False

    def export_job(self) -> Callable[[], list[Path]]:
        """What F2 writes: read on the event loop, called in the thread."""
        raise NotImplementedError

    def action_export(self) -> None:
        if self.exporting:
            self.notify("Already writing the files: one moment.")
            return
        self.exporting = True
        self.show_export_status("Writing the files…")
        self.write_files(self.export_job())

    @work(thread=True, exit_on_error=False, group="quarter-export")
    def write_files(self, job: Callable[[], list[Path]]) -> None:
        try:
            paths = job()
        except Exception as error:  # any failure: one line, never a traceback
            self.post_message(ExportDone([], one_line(error)))
            return
        self.post_message(ExportDone(paths))

    @on(ExportDone)
    def _done(self, message: ExportDone) -> None:
        self.exporting = False
        if message.problem:
            self.show_export_status(f"Not written: {message.problem}", bad=True)
        else:
            self.show_export_status("Written: " + ", ".join(str(p) for p in message.paths))

    def show_export_status(self, text: str, *, bad: bool = False) -> None:
        status = next(self.query(".export-status").results(Label), None)
        if status is None:
            return  # the stage was left while writing
        status.update(visible(text))
        status.display = True
        status.set_class(bad, "-bad")
        # It sits under a list that can be longer than the stage (at 80x24 it always is):
        # bring it into view, or F2 seemed to do nothing.
        status.call_after_refresh(status.scroll_visible, animate=False)


class CheckInSummaryScreen(ExportingStage):
    STAGE_KEY = "summary"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="checkin-summary"):
            yield Label("", id="summary-heading", classes="section-title", markup=False)
            yield Label("", id="summary-dates", markup=False)
            yield Vertical(id="summary-lines")
            yield Label("", id="summary-objectives", markup=False)
            yield Label(
                "F2: write the check-in summary (PDF, Markdown) and the check-ins CSV",
                classes="key-hint",
            )
            yield Label("", id="summary-status", classes="export-status", markup=False)

    async def reload(self) -> None:
        record = self.checkin()
        log = self.quarter.log(record)
        dates = sorted({r.date for _id, r in self.quarter.checkins if r.entries} | {record.date})
        self.query_one("#summary-heading", Label).update(
            f"The quarter so far · {self.heading()} · check-in of {long_date(record.date)}"
        )
        self.query_one("#summary-dates", Label).update(
            "Check-ins: " + ", ".join(f"{d.day} {d:%b}" for d in dates)
        )
        lines = self.query_one("#summary-lines", Vertical)
        await lines.remove_children()
        widgets = []
        for line in key_result_lines(self.subject, log):
            widgets.append(Static(key_result_text(line), classes="summary-line"))
            widgets.append(Static(history_text(line), classes="summary-history"))
        await lines.mount_all(widgets)
        values = objective_progress_values(self.subject, log)
        self.query_one("#summary-objectives", Label).update(
            visible(
                "Objectives: "
                + " · ".join(f"{i + 1}: {percent_text(v)}" for i, v in enumerate(values))
            )
        )
        self.query_one("#summary-status", Label).display = False

    def export_job(self) -> Callable[[], list[Path]]:
        files = self.quarter.files(current=self.checkin())
        return lambda: write_checkin(files)


__all__ = ["CheckInSummaryScreen", "ExportDone", "ExportingStage"]
