"""Pilot stage 2: the pilot's own objective and its key results, with the coach reading along.

One objective (added if there is none) and its key results, each with from, to, unit
and owner. Enter on a key result or any of its small fields adds the next one below;
Backspace on an empty key result removes it. The coach judges whichever statement has
the cursor, as in the workshop.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.widgets import Label

from workshop.core.coach import judge_counts
from workshop.core.db.store import Item
from workshop.core.domain import KeyResult, Objective
from workshop.tui.screens.pilot_base import PilotStageScreen
from workshop.tui.widgets.coach_panel import CoachPanel
from workshop.tui.widgets.fields import FieldInput, SaveTarget

KR = Item.KEY_RESULT.value
SMALL = (("start", "from"), ("target", "to"), ("unit", "unit"), ("owner", "owner"))


class PilotKeyResultRow(Vertical):
    """A key result's sentence, and from · to · unit · owner under it."""

    def __init__(self, key_result: KeyResult) -> None:
        super().__init__(classes="pilot-kr")
        assert key_result.id is not None
        self.kr_id: int = key_result.id
        self.key_result = key_result

    def compose(self) -> ComposeResult:
        kr = self.key_result
        yield FieldInput(
            kr.text,
            target=SaveTarget(KR, self.kr_id, "text"),
            placeholder="Verb + what we measure + from X to Y",
            list_item=True,
            classes="pilot-kr-text",
            payload=self,
        )
        with Horizontal(classes="pilot-kr-small"):
            for name, placeholder in SMALL:
                # Enter here adds the next key result too, as the hint says (and as on
                # the next steps): it used to go round to the objective, and the next
                # key result was typed onto the end of the objective.
                yield FieldInput(
                    getattr(kr, name),
                    target=SaveTarget(KR, self.kr_id, name),
                    placeholder=placeholder,
                    list_item=True,
                    wrap=False,
                    classes=f"pilot-kr-{name}",
                    payload=self,
                )


class PilotObjectiveScreen(PilotStageScreen):
    STAGE_KEY = "pilot_objective"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.objective_id: int | None = None

    def compose_main(self) -> ComposeResult:
        with Vertical(id="pilot-objective-editor"):
            yield Label("The pilot's objective", classes="section-title")
            yield Vertical(id="pilot-objective")
            yield Label("Key results (three to five)", classes="section-title")
            yield Label(
                "Enter: next key result · Backspace on an empty one: remove", classes="key-hint"
            )
            yield Vertical(id="pilot-krs")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#guide-extra", Vertical).mount(CoachPanel(id="coach"))

    @property
    def coach(self) -> CoachPanel:
        return self.query_one("#coach", CoachPanel)

    def objective(self) -> Objective | None:
        workshop = self.session.load()
        return workshop.objectives[0] if workshop.objectives else None

    async def reload(self) -> None:
        self.load_plan()
        objective = self.objective()
        if objective is None:
            new_id = self.session.add(Item.OBJECTIVE, self.session.workshop_id, text="")
            objective = self.objective() if new_id is not None else None
        holder = self.query_one("#pilot-objective", Vertical)
        rows = self.query_one("#pilot-krs", Vertical)
        await holder.remove_children()
        await rows.remove_children()
        if objective is None or objective.id is None:
            return  # a read-only window on a pilot with no objective yet
        self.objective_id = objective.id
        await holder.mount(
            FieldInput(
                objective.text,
                target=SaveTarget(Item.OBJECTIVE.value, objective.id, "text"),
                placeholder="Verb + what + so that / in order to + why",
                wrap=True,
                id="pilot-objective-text",
            )
        )
        await rows.mount_all([PilotKeyResultRow(kr) for kr in objective.key_results])
        if not objective.key_results:
            await self.add_key_result(focus=False)
        self.update_counts()
        self.query_one("#pilot-objective-text", FieldInput).focus()

    async def add_key_result(
        self, after: PilotKeyResultRow | None = None, *, focus: bool = True
    ) -> None:
        if self.objective_id is None:
            return
        new_id = self.session.add(
            Item.KEY_RESULT,
            self.objective_id,
            after_id=after.kr_id if after else None,
            text="",
        )
        if new_id is None:
            return
        row = PilotKeyResultRow(KeyResult(id=new_id))
        container = self.query_one("#pilot-krs", Vertical)
        await (container.mount(row, after=after) if after else container.mount(row))
        self.update_counts()
        if focus:
            field = row.query_one(".pilot-kr-text", FieldInput)
            field.focus()
            field.scroll_visible()

    @on(FieldInput.AddSibling)
    async def _add_below(self, event: FieldInput.AddSibling) -> None:
        row = event.field.payload
        if isinstance(row, PilotKeyResultRow):
            await self.add_key_result(after=row)

    @on(FieldInput.Remove)
    async def _remove(self, event: FieldInput.Remove) -> None:
        row = event.field.payload
        if not isinstance(row, PilotKeyResultRow) or "pilot-kr-text" not in event.field.classes:
            return  # only the key result's own line removes it, never an empty unit or owner
        rows = list(self.query(PilotKeyResultRow))
        if len(rows) == 1 or not self.session.delete(Item.KEY_RESULT, row.kr_id):
            return  # keep one line to type in
        index = rows.index(row)
        await row.remove()
        neighbour = rows[index - 1] if index else rows[1]
        neighbour.query_one(".pilot-kr-text", FieldInput).focus()
        self.update_counts()

    def update_counts(self) -> None:
        objective = self.objective()
        if objective is None:
            return
        # Only the key result counts: the pilot has one objective on purpose.
        findings = [
            f
            for f in judge_counts(self.session.load())
            if f.rule.startswith("counts.") and "key" in f.rule
        ]
        self.coach.show_counts(findings)

    @on(DescendantFocus)
    def _coach_follows_focus(self, event: DescendantFocus) -> None:
        self._judge(event.widget)

    @on(FieldInput.Changed)
    def _coach_reads_along(self, event: FieldInput.Changed) -> None:
        self._judge(event.input)
        if "pilot-kr-text" in event.input.classes:
            self.update_counts()  # a key result with words now counts, or no longer does

    def _judge(self, widget: object) -> None:
        if not isinstance(widget, FieldInput) or not self.query("#coach"):
            return
        if widget.id == "pilot-objective-text":
            self.coach.show_objective(widget.value)
            return
        row = widget.payload
        if not isinstance(row, PilotKeyResultRow):
            return

        def value(name: str) -> str:
            return row.query_one(f".pilot-kr-{name}", FieldInput).value

        kr = KeyResult(
            text=value("text"),
            start=value("start"),
            target=value("target"),
            unit=value("unit"),
            owner=value("owner"),
        )
        siblings = [
            r.query_one(".pilot-kr-text", FieldInput).value
            for r in self.query(PilotKeyResultRow)
            if r is not row
        ]
        self.coach.show_key_result(kr, siblings, self.session.load().period)
