"""Quarter-end review, stages 3 and 4: the wins and who to thank; the retrospective.

Both are lists of lines: Enter adds the next line in the same list, Backspace on an
empty line removes it, Tab moves on to the next list. Everything typed is stored as it
is typed (blank lines are left out), through the session like any field.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label

from workshop.core.okr.retro import Win
from workshop.tui.screens.quarter_end import QuarterStage
from workshop.tui.widgets.fields import FieldInput

RETRO_LISTS = (
    ("went_well", "What went well"),
    ("did_not_go_well", "What did not go well"),
    ("change_how_we_set_okrs", "What we change in how we set OKRs"),
)


class LineListStage(QuarterStage):
    """Enter adds a line after this one in its list; Backspace on an empty line removes it."""

    def make_line(self, list_id: str, values: tuple[str, ...] = ()) -> Widget:
        raise NotImplementedError

    def list_of(self, field: FieldInput) -> tuple[Vertical, Widget]:
        """The list a field is in, and its line (the field itself or its row)."""
        line: Widget = field
        while not (isinstance(line.parent, Vertical) and line.parent.has_class("line-list")):
            assert line.parent is not None
            line = line.parent  # type: ignore[assignment]
        parent = line.parent
        assert isinstance(parent, Vertical)
        return parent, line

    @on(FieldInput.AddSibling)
    async def _add(self, event: FieldInput.AddSibling) -> None:
        event.stop()
        box, line = self.list_of(event.field)
        new = self.make_line(box.id or "")
        await box.mount(new, after=line)
        (new if isinstance(new, FieldInput) else new.query(FieldInput).first()).focus()

    @on(FieldInput.Remove)
    async def _remove(self, event: FieldInput.Remove) -> None:
        event.stop()
        box, line = self.list_of(event.field)
        if len(box.children) <= 1:
            return
        fields = list(self.query(FieldInput))
        before = fields[max(0, fields.index(event.field) - 1)]
        await line.remove()
        before.focus()
        self.store(typing=False)

    @on(FieldInput.Changed)
    def _typed(self, event: FieldInput.Changed) -> None:
        self.store(typing=True)

    def store(self, *, typing: bool) -> None:
        raise NotImplementedError


class QuarterWinsScreen(LineListStage):
    STAGE_KEY = "wins"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="quarter-wins"):
            yield Label("", id="wins-heading", classes="section-title", markup=False)
            yield Label(
                "A win, then who to thank (names with commas) · Enter: next win",
                classes="key-hint",
            )
            yield Vertical(id="wins", classes="line-list")

    def make_line(self, list_id: str, values: tuple[str, ...] = ()) -> Widget:
        text, thanks = (values + ("", ""))[:2]
        win = FieldInput(text, placeholder="What went right", classes="win-text", list_item=True)
        who = FieldInput(thanks, placeholder="Thanks to…", classes="win-thanks", list_item=True)
        win.border_title = "Win"
        who.border_title = "Thanks to"
        return Horizontal(win, who, classes="win-row")

    async def reload(self) -> None:
        self.query_one("#wins-heading", Label).update(f"Wins and thanks · {self.heading()}")
        wins = self.record().retrospective.wins
        box = self.query_one("#wins", Vertical)
        await box.remove_children()
        rows = [self.make_line("wins", (w.text, ", ".join(w.thanks))) for w in wins]
        await box.mount_all(rows or [self.make_line("wins")])
        self.query(".win-text").first().focus()

    def store(self, *, typing: bool) -> None:
        wins = []
        for row in self.query(".win-row").results(Horizontal):
            text = row.query_one(".win-text", FieldInput).value
            names = row.query_one(".win-thanks", FieldInput).value
            if text.strip():
                thanks = [n.strip() for n in names.split(",") if n.strip()]
                wins.append(Win(text=text, thanks=thanks))
        record = self.record()
        retro = record.retrospective.model_copy(update={"wins": wins})
        self.save(record.model_copy(update={"retrospective": retro}), typing=typing)


class QuarterRetroScreen(LineListStage):
    STAGE_KEY = "retro"

    def compose_main(self) -> ComposeResult:
        with Vertical(id="quarter-retro"):
            yield Label("", id="retro-heading", classes="section-title", markup=False)
            yield Label(
                "Enter: next line · Tab: the next list · Backspace on an empty line: remove",
                classes="key-hint",
            )
            # Each line says which list it is in, on its border: focus centres the field,
            # and on a short screen a title above the list was scrolled away.
            for list_id, _title in RETRO_LISTS:
                yield Vertical(id=list_id, classes="line-list")

    def make_line(self, list_id: str, values: tuple[str, ...] = ()) -> Widget:
        text = values[0] if values else ""
        field = FieldInput(text, placeholder="One point", classes="retro-line", list_item=True)
        field.border_title = dict(RETRO_LISTS).get(list_id, "")
        return field

    async def reload(self) -> None:
        self.query_one("#retro-heading", Label).update(f"Look back · {self.heading()}")
        retro = self.record().retrospective
        for list_id, _title in RETRO_LISTS:
            box = self.query_one(f"#{list_id}", Vertical)
            await box.remove_children()
            entries: list[str] = getattr(retro, list_id)
            await box.mount_all(
                [self.make_line(list_id, (e,)) for e in entries] or [self.make_line(list_id)]
            )
        self.query(".retro-line").first().focus()

    def store(self, *, typing: bool) -> None:
        update = {}
        for list_id, _title in RETRO_LISTS:
            box = self.query_one(f"#{list_id}", Vertical)
            update[list_id] = [
                f.value for f in box.query(".retro-line").results(FieldInput) if f.value.strip()
            ]
        record = self.record()
        retro = record.retrospective.model_copy(update=update)
        self.save(record.model_copy(update={"retrospective": retro}), typing=typing)
