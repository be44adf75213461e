"""The export button and its status: every format written in a thread, paths shown after.

`start()` (F2 on the wrap-up screen, or the button) loads the workshop on the
event loop, then a thread worker renders and writes the handout PDF, the
calendar, Markdown, JSON and CSV to their default paths, so the clock keeps
ticking meanwhile. The thread never touches a widget: it posts messages back.
A failure is one line per format (or one line in all when every format failed
the same way), never a traceback; the formats that could be written still are.
If the room leaves wrap-up while the export runs, the panel's parts may be gone
when a message arrives: the status line is then skipped, not an error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Label

from workshop.core import exports
from workshop.core.domain import Workshop
from workshop.core.exports.json_format import CompanyLinks
from workshop.core.room.record import RoomRecord
from workshop.core.textsafe import visible

# What is written, in this order: the handout first, it is what the room waits for.
EXPORTS: tuple[tuple[str, str], ...] = (
    ("pdf", "handout PDF"),
    ("ics", "calendar"),
    ("md", "Markdown"),
    ("json", "JSON"),
    ("csv", "CSV"),
    ("steps", "next steps CSV"),
)


def one_line(error: BaseException) -> str:
    """An error as one line for the room: never a traceback."""
    text = str(error).strip().splitlines()
    detail = text[0] if text else ""
    if isinstance(error, exports.ExportError):
        return detail or "the export failed"
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


class ExportPanel(Vertical):
    """The export button, then what the export is doing or did."""

    class Progress(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Finished(Message):
        def __init__(self, written: list[Path], failed: list[tuple[str, str]]) -> None:
            super().__init__()
            self.written = written
            self.failed = failed  # (what, one-line reason)

    def __init__(
        self,
        load: Callable[[], Workshop],
        room: Callable[[], RoomRecord] | None = None,
        links: Callable[[Workshop], Callable[[], CompanyLinks]] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.load = load
        # The room's record (issue 16): into the JSON and a second CSV, when there is one.
        self.load_room = room
        # The company links (issue 18) for the JSON: called on the loop, read in the thread.
        self.load_links = links
        self.exporting = False

    def compose(self) -> ComposeResult:
        yield Button("Export handout, calendar and files (F2)", id="export", variant="primary")
        yield Label("", id="export-status", markup=False)

    @on(Button.Pressed, "#export")
    def start(self) -> None:
        if self.exporting:
            self.notify("Already exporting: one moment.")
            return
        self.exporting = True
        self._enable_button(False)
        self.show_status("Exporting: saving everything first…")
        room = self.load_room() if self.load_room is not None else None
        workshop = self.load()
        links = self.load_links(workshop) if self.load_links is not None else None
        self.run_export(workshop, room, links)

    @work(thread=True, exit_on_error=False, group="export")
    def run_export(
        self,
        workshop: Workshop,
        room: RoomRecord | None = None,
        read_links: Callable[[], CompanyLinks] | None = None,
    ) -> None:
        """Write every format; runs in a thread and only posts messages back."""
        written: list[Path] = []
        failed: list[tuple[str, str]] = []
        links = None
        if read_links is not None:
            try:
                links = read_links()
            except Exception as error:  # the JSON is still written, without them: say so
                failed.append(("company links in the JSON", one_line(error)))
        for number, (fmt, what) in enumerate(EXPORTS, 1):
            self.post_message(self.Progress(f"Writing the {what} ({number} of {len(EXPORTS)})…"))
            try:
                path = exports.default_export_path(workshop, fmt)
                written.append(exports.export_workshop(workshop, fmt, path, room=room, links=links))
            except Exception as error:  # any failure: say so, and write the other formats
                failed.append((what, one_line(error)))
        self.post_message(self.Finished(written, failed))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        self.show_status(message.text)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self.exporting = False
        self._enable_button(True)
        lines = []
        if message.written:
            lines.append(f"Written ({len(message.written)} files):")
            lines += [f"  {path}" for path in message.written]
        reasons = {reason for _, reason in message.failed}
        if message.failed and not message.written and len(reasons) == 1:
            lines.append(f"Export failed: {reasons.pop()}")
        else:
            lines += [f"Not written, the {what}: {reason}" for what, reason in message.failed]
        self.show_status(*lines, bad=bool(message.failed))
        if message.failed:
            self.notify(visible(lines[-1]), severity="error", markup=False)
        else:
            folder = message.written[0].parent if message.written else ""
            self.notify(visible(f"Exported to {folder}"), markup=False)

    def _enable_button(self, enabled: bool) -> None:
        for button in self.query("#export").results(Button):
            button.disabled = not enabled

    def show_status(self, *lines: str, bad: bool = False) -> None:
        status = next(self.query("#export-status").results(Label), None)
        if status is None:
            return  # not mounted yet, or the stage has been left
        # Each line made visible on its own, so only our line breaks break lines.
        status.update("\n".join(visible(line) for line in lines))
        status.display = any(lines)
        status.set_class(bad, "-bad")
