"""Stage 4: key results for each objective, and the necessary-and-sufficient test.

Each objective from stage 3 is shown read-only with its key results under it
(3 to 5 each, never more than the agenda's limit). Keys, besides the list keys:
Ctrl+T toggles metric/milestone, Ctrl+R runs the necessary-and-sufficient test on
the focused objective, PageDown/PageUp jump to the next/previous objective.

A sentence that says "from X to Y" (`workshop.core.okr.kr_numbers`) offers its from, to
and unit on a line under the row with the cursor; F2 fills them in, typing goes on as
if nothing was offered.

The test is one modal (`NSQuestionScreen`) that asks each question of an `NSRun` in
turn. Nothing is stored until a run ends; Esc abandons it. A "no" brings the room
back to the failing key result (or the objective) highlighted with `-ns-failed`.
"""

from __future__ import annotations

from functools import partial

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from workshop.core.coach import judge_counts
from workshop.core.db.store import Item
from workshop.core.domain import KeyResult, KeyResultKind, NSTest, Objective, Workshop
from workshop.core.okr.kr_numbers import KRNumbers, suggest_numbers
from workshop.core.okr.ns_test import NSRun, failed_key_result, failed_sufficiency
from workshop.core.session.session import WorkshopSession
from workshop.core.textsafe import visible
from workshop.tui.dialogs.ns_test import NSQuestionScreen, describe_outcome
from workshop.tui.screens.base import StageScreen
from workshop.tui.screens.list_edits import (
    LIST_EDIT_BINDINGS,
    Removed,
    UndoStack,
    place_of,
    restore,
)
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.coach_panel import CoachPanel
from workshop.tui.widgets.fields import FieldInput
from workshop.tui.widgets.kr_rows import KeyResultRow, KRField, ObjectiveBlock

COUNT_RULES = frozenset({"counts.key_results", "counts.no_key_results"})


class KeyResultsScreen(StageScreen):
    STAGE_KEY = "key_results"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("ctrl+t", "toggle_kind", "Metric/milestone"),
        Binding("ctrl+r", "run_ns_test", "N&S test"),
        Binding("f2", "fill_numbers", "Fill from/to"),
        # Priority, so the scrolling container does not take them first.
        # Out of the footer so every hint in it fits at 160 columns (README, Ctrl+P list it).
        Binding("pagedown", "jump_objective(1)", "Next objective", priority=True, show=False),
        Binding("pageup", "jump_objective(-1)", "Prev objective", priority=True, show=False),
        *LIST_EDIT_BINDINGS,
    ]

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(session)
        limits = session.agenda.limits
        self.low = limits.min_key_results or 3
        self.high = limits.max_key_results or 5
        self.period = ""
        self._run: NSRun | None = None
        # One per test dialog pushed; its ScreenResume must not rebuild the editor.
        self._modal_returns = 0
        # Whether the field focused before a reload has its place again (set per reload).
        self._refocused = False
        # Key results removed on this stage, for Ctrl+Z.
        self.undo = UndoStack()
        # The row whose sentence's from/to/unit is on offer (F2), if any.
        self._offered: KeyResultRow | None = None
        # Whether each key result (by id) had text when the counts were last made.
        self._written: dict[int, bool] = {}

    # -- layout ------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        yield Label("Key results for each objective", classes="section-title", id="kr-title")
        formula = self.stage.formula
        if formula is not None:
            yield Label(f"Formula: {formula.text}", id="kr-formula", markup=False)
            yield Label(f"e.g. {formula.example}", classes="kr-example", markup=False)
        for kind in self.stage.kinds:
            yield Label(f"{kind.title}: {kind.body}", classes="kr-kind", markup=False)
        yield Label(
            "Enter: next key result · Ctrl+T: metric/milestone · Ctrl+R: test this "
            "objective · PgDn/PgUp: next/previous objective · F2: fill from/to from the "
            "sentence · Ctrl+Del: remove · Ctrl+Z: bring it back · Alt+↑/↓: move",
            classes="key-hint",
        )
        yield Vertical(id="kr-objectives")

    @on(events.Mount)
    async def _mount_coach(self) -> None:
        # The base class's on_mount runs too (Textual calls each class's handler).
        # Awaited, so the panel is ready before the first reload asks it anything.
        await self.query_one("#guide-extra").mount(CoachPanel(self.stage.formula, id="kr-coach"))

    def editable(self, field: Input) -> bool:
        # A milestone's from/to/unit stay disabled: it is done or not done.
        if isinstance(field, KRField) and field.has_class("kr-metric"):
            return field.payload.kind is not KeyResultKind.MILESTONE
        return True

    @property
    def coach(self) -> CoachPanel:
        return self.query_one("#kr-coach", CoachPanel)

    @property
    def blocks(self) -> list[ObjectiveBlock]:
        return list(self.query(ObjectiveBlock).results(ObjectiveBlock))

    # -- building from the store ---------------------------------------------

    @on(events.ScreenResume)
    async def _keep_editor_on_resume(self, event: events.ScreenResume) -> None:
        # Runs before StageScreen.on_screen_resume (Textual calls each class's handler).
        if self._modal_returns:
            # Back from one of the test's questions: keep the editor as it is.
            self._modal_returns -= 1
            event.prevent_default()
            self.back_from_dialog()

    async def reload(self) -> None:
        focused = self._focused_target()
        workshop = self.session.load()
        self.period = workshop.period
        container = self.query_one("#kr-objectives", Vertical)
        self.build_in_steps([])  # a build still under way stops here
        self._refocused = False
        self._written = {}  # counted afresh once the blocks are built
        await container.remove_children()
        # A blank objective is stage 3's empty typing slot, not an objective yet. Numbers
        # stay positions in the full list, so they match stage 3 and the coach.
        shown = [
            (number, o)
            for number, o in enumerate(workshop.objectives, start=1)
            if o.text.strip() or any(k.text.strip() for k in o.key_results)
        ]
        if not shown:
            await container.mount(
                Label(
                    "There are no objectives yet. Press Ctrl+B to go back to step 3 "
                    "and write them; their key results are written here.",
                    id="kr-no-objectives",
                    classes="count -warning",
                )
            )
            self.update_counts()
            return
        for _, objective in shown:
            if not objective.key_results:
                # Somewhere to type straight away; a blank row is not counted anywhere.
                assert objective.id is not None
                kr_id = self.session.add(Item.KEY_RESULT, objective.id, text="")
                objective.key_results.append(KeyResult(id=kr_id))
        blocks = [self._make_block(o, n) for n, o in shown]
        # The first objective now, so the room can type at once; the others one per turn
        # of the event loop, so the clock keeps ticking (about 0.2 s of work each).
        await self._mount_block(blocks[0], focused)
        if not self._refocused:
            blocks[0].rows[0].text_field.focus(scroll_visible=False)
            self.query_one("#stage-main").scroll_home(animate=False)
        steps = [partial(self._mount_block, block, focused) for block in blocks[1:]]
        self.build_in_steps([*steps, self._finish_build])

    async def _mount_block(self, block: ObjectiveBlock, focused: tuple[int, str] | None) -> None:
        await self.query_one("#kr-objectives", Vertical).mount(block)
        self._show_stored_failure(block, block.objective.ns_test)
        self.apply_read_only_to(block)
        # No scrolling on focus here: the new block has no size yet, so a scroll now
        # could land anywhere. Scroll once it is laid out.
        if not self._refocused and self._refocus(focused, block):
            self._refocused = True
            self.call_after_refresh(self._show_focused)

    async def _finish_build(self) -> None:
        """The last step: every block is there for the coach and the counts."""
        if isinstance(self.focused, KRField):
            self._coach_row(self.focused.payload)
        self.update_counts()

    def _show_focused(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    def _make_block(self, objective: Objective, number: int) -> ObjectiveBlock:
        outcome = describe_outcome(objective.ns_test, number)
        return ObjectiveBlock(objective, number, self.low, self.high, outcome)

    def _focused_target(self) -> tuple[int, str] | None:
        focused = self.focused
        if isinstance(focused, KRField):
            return (focused.payload.kr_id, focused.kr_field)
        return None

    def _refocus(self, target: tuple[int, str] | None, block: ObjectiveBlock) -> bool:
        if target is None:
            return False
        for field in block.query(KRField).results(KRField):
            if (field.payload.kr_id, field.kr_field) == target and not field.disabled:
                field.focus(scroll_visible=False)
                return True
        return False

    # -- the focused key result and the coach ----------------------------------

    def focused_block(self) -> ObjectiveBlock | None:
        focused = self.focused
        if isinstance(focused, KRField):
            return focused.payload.block
        blocks = self.blocks
        return blocks[0] if blocks else None

    def _coach_row(self, row: KeyResultRow) -> None:
        # Read when the coach judges (once the typing pauses), not on every key.
        self.coach.show_key_result_from(partial(self._draft_of, row), self.period)

    @staticmethod
    def _draft_of(row: KeyResultRow) -> tuple[KeyResult, list[str]] | None:
        """The row's key result as typed, and its siblings' texts; None once it is gone."""
        fields = {field.kr_field: field.value for field in row.query(KRField).results(KRField)}
        if "text" not in fields or not row.is_attached:
            return None  # removed (with the cursor in it) before the coach read it
        # .text: a sibling on its way out has no fields left.
        siblings = [other.text for other in row.block.rows if other is not row]
        kr = KeyResult(
            text=fields["text"],
            kind=row.kind,
            start=fields.get("start", ""),
            target=fields.get("target", ""),
            unit=fields.get("unit", ""),
            owner=fields.get("owner", ""),
        )
        return kr, siblings

    @on(events.DescendantFocus)
    def _coach_focused_row(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, KRField):
            self._coach_row(event.widget.payload)

    @on(events.DescendantFocus)
    def _offer_focused_row(self, event: events.DescendantFocus) -> None:
        self._offer(event.widget.payload if isinstance(event.widget, KRField) else None)

    @on(FieldInput.Changed)
    def _on_changed(self, event: FieldInput.Changed) -> None:
        # The base class saves the text; here the coach and the counts follow it.
        field = event.input
        if isinstance(field, KRField):
            if field.has_focus:
                self._coach_row(field.payload)
                self._offer(field.payload)
            # The count line and the coach's counts only ask whether a key result is
            # written: most keys do not change that, and recounting every block on
            # every key was a fifth of a key's cost on a full stage.
            written = bool(event.value.strip())
            if field.has_class("kr-text") and self._written.get(field.payload.kr_id) != written:
                field.payload.block.renumber()
                self.update_counts()

    def update_counts(self) -> None:
        """The coach's count findings for this stage (too few, too many, none)."""
        # The coach numbers objectives by position: blank ones fill the gaps of hidden ones.
        blocks = {block.number: block for block in self.blocks}
        objectives = [Objective() for _ in range(max(blocks, default=0))]
        self._written = {}
        for number, block in blocks.items():
            rows = [(row.kr_id, row.text) for row in block.rows]
            self._written.update((kr_id, bool(text.strip())) for kr_id, text in rows)
            objectives[number - 1] = Objective(
                text=block.objective.text,
                key_results=[KeyResult(text=text) for _, text in rows],
            )
        findings = [
            f for f in judge_counts(Workshop(objectives=objectives)) if f.rule in COUNT_RULES
        ]
        self.coach.show_counts(findings)

    # -- from, to and unit read from the sentence (F2) ------------------------------

    def suggestion(self, row: KeyResultRow) -> tuple[KRNumbers, dict[str, str]] | None:
        """What the sentence says and what F2 would write for `row`; None if nothing new."""
        if row.kind is KeyResultKind.MILESTONE:
            return None
        found = suggest_numbers(row.text)
        if found is None:
            return None
        typed = (row.field("start").value, row.field("target").value, row.field("unit").value)
        changes = found.changes(*typed)
        return (found, changes) if changes else None

    def _offer(self, row: KeyResultRow | None) -> None:
        """Show the offer under `row` (and take it away from the row that had it)."""
        previous, self._offered = self._offered, row
        if previous is not None and previous is not row:
            self._paint_offer(previous, "")
        if row is None or not row.is_mounted or not row.query(".kr-unit"):
            return
        offer = self.suggestion(row)
        if offer is None:
            self._paint_offer(row, "")
            return
        found, changes = offer
        typed = any(row.field(n).value.strip() for n in changes)
        verb = "F2 replaces with" if typed else "F2 fills in"
        names = {"start": "from", "target": "to", "unit": "unit"}
        parts = [f"{names[name]} {value}" for name, value in changes.items()]
        note = " (lower is better)" if found.lower_is_better else ""
        self._paint_offer(row, visible(f"{verb}: {' · '.join(parts)}{note}"))

    @staticmethod
    def _paint_offer(row: KeyResultRow, text: str) -> None:
        # The row may be on its way out (removed, or the stage rebuilt): then skip it.
        label = next(row.query(".kr-suggestion").results(Label), None)
        # Unchanged (most keys): no update, which would lay out the whole stage again.
        if label is None or label.content == text:
            return
        # A new offer on the one line the old one had: redraw the line, not the stage.
        width = label.content_size.width
        one_line = cell_len(str(label.content)) <= width and cell_len(text) <= width
        stays_shown = bool(text) and label.has_class("-shown")
        label.update(text, layout=not (stays_shown and one_line))
        label.set_class(bool(text), "-shown")

    def action_fill_numbers(self) -> None:
        """F2: fill in from, to and unit as the key result's sentence states them."""
        focused = self.focused
        if not isinstance(focused, KRField):
            self.notify("Move to a key result first, then press F2.")
            return
        row = focused.payload
        if row.kind is KeyResultKind.MILESTONE:
            self.notify("A milestone is done or not done, without from and to. Ctrl+T: metric.")
            return
        found = suggest_numbers(row.text)
        if found is None:
            self.notify(
                'This sentence has no "from … to …" with numbers to fill in from.', markup=False
            )
            return
        offer = self.suggestion(row)
        if offer is None:
            self.notify("From, to and unit already say what the sentence says.")
            return
        values = offer[1]
        self.session.edit(Item.KEY_RESULT.value, row.kr_id, **values)
        if self.session.read_only:
            return  # refused, and the session said so
        with self.prevent(FieldInput.Changed):
            for name, value in values.items():
                row.field(name).value = value
        self.session.flush()  # a choice, not typing: store it now
        self._coach_row(row)
        self._offer(row)
        number = row.kr_title.split(" · ")[0] or "The key result"
        unit = row.field("unit").value.strip()
        said = f"from {found.start} to {found.target}" + (f" {unit}" if unit else "")
        self.notify(visible(f"{number}: {said}, as the sentence says."), markup=False)

    # -- list keys ---------------------------------------------------------------

    @on(FieldInput.AddSibling)
    @on(FieldInput.AddChild)
    async def _on_add(self, event: FieldInput.ListKey) -> None:
        if isinstance(event.field, KRField):
            await self.add_key_result(event.field.payload.block, after=event.field.payload)

    async def add_key_result(
        self, block: ObjectiveBlock, after: KeyResultRow | None = None
    ) -> None:
        """Add an empty key result below `after` (or last), unless the objective is full."""
        if len(block.rows) >= self.high:
            message = (
                f"Objective {block.number} already has {self.high} key results, the most "
                "it may have. Merge two, or drop the weakest, before adding another."
            )
            block.show_message(message)
            self.notify(message, severity="warning")
            return
        after_id = after.kr_id if after is not None else None
        kr_id = self.session.add(Item.KEY_RESULT, block.objective_id, after_id=after_id, text="")
        row = KeyResultRow(KeyResult(id=kr_id), block)
        kr_list = block.query_one(".kr-list", Vertical)
        if after is not None:
            await kr_list.mount(row, after=after)
        else:
            await kr_list.mount(row)
        block.renumber()
        row.text_field.focus()
        row.scroll_visible()
        self.update_counts()

    @on(FieldInput.Remove)
    async def _on_remove(self, event: FieldInput.Remove) -> None:
        # Backspace on an empty key result removes it with its from, to, unit and
        # owner: Ctrl+Z brings it back, so there is nothing to clear first.
        if not isinstance(event.field, KRField) or event.field.kr_field != "text":
            return
        if len(event.field.payload.block.rows) == 1 and not event.field.payload.has_details():
            return  # the only line, and empty: keep it to type in
        await self.remove_key_result(event.field.payload)

    async def action_remove_item(self) -> None:
        """Ctrl+Delete: remove the focused key result, whatever it holds."""
        focused = self.focused
        if not isinstance(focused, KRField):
            self.notify("Move to a key result first, then press Ctrl+Delete.")
            return
        await self.remove_key_result(focused.payload)

    async def remove_key_result(self, row: KeyResultRow) -> None:
        """Remove `row` (it can be brought back with Ctrl+Z)."""
        block = row.block
        rows = block.rows
        position = rows.index(row)
        label = f"KR {block.number}.{position + 1}"
        fields = {"text": row.text_field.value, "kind": row.kind}
        fields |= {name: row.field(name).value for name in ("start", "target", "unit", "owner")}
        removed = Removed(
            Item.KEY_RESULT,
            block.objective_id,
            place_of(self.session, Item.KEY_RESULT, block.objective_id, row.kr_id),
            fields,
            label=label,
        )
        if not self.session.delete(Item.KEY_RESULT, row.kr_id):
            return  # a read-only window: the session said so
        self.undo.push(removed)
        neighbour = rows[position - 1] if position > 0 else next(iter(rows[1:]), None)
        if neighbour is not None:
            neighbour.text_field.focus()
        await row.remove()
        if not block.rows:
            await self.add_key_result(block)  # somewhere to type again
        block.renumber()
        block.show_message("")
        self.update_counts()
        self.notify(f"{label} removed. Ctrl+Z brings it back.", markup=False)

    async def action_undo_remove(self) -> None:
        """Ctrl+Z: bring back the key result removed last, where it was."""
        removed = self.undo.pop()
        if removed is None:
            self.notify("Nothing removed on this stage to bring back.")
            return
        block = next((b for b in self.blocks if b.objective_id == removed.parent_id), None)
        if block is None:
            self.notify(f"{removed.label} cannot come back: its objective is gone.")
            return
        if len(block.rows) >= self.high:
            self.undo.push(removed)
            self.notify(
                f"Objective {block.number} already has {self.high} key results. "
                f"Remove one first to bring back {removed.label}.",
                severity="warning",
            )
            return
        kr_id = restore(self.session, removed)
        if kr_id is None:
            self.undo.push(removed)
            return
        row = KeyResultRow(KeyResult(id=kr_id, **removed.fields), block)
        rows = block.rows
        index = min(removed.index, len(rows))
        kr_list = block.query_one(".kr-list", Vertical)
        await (kr_list.mount(row, before=rows[index]) if index < len(rows) else kr_list.mount(row))
        block.renumber()
        row.text_field.focus()
        row.scroll_visible()
        self.update_counts()
        self.notify(f"{removed.label} is back.", markup=False)

    def action_move_item(self, step: int) -> None:
        """Alt+Up / Alt+Down: move the focused key result up or down its objective."""
        focused = self.focused
        if not isinstance(focused, KRField):
            return
        row = focused.payload
        rows = row.block.rows
        index = rows.index(row) + step
        if not 0 <= index < len(rows):
            return
        if not self.session.move(Item.KEY_RESULT, row.kr_id, step):
            return
        kr_list = row.block.query_one(".kr-list", Vertical)
        if step < 0:
            kr_list.move_child(row, before=rows[index])
        else:
            kr_list.move_child(row, after=rows[index])
        row.block.renumber()
        focused.scroll_visible()

    # -- screen keys ---------------------------------------------------------------

    def action_toggle_kind(self) -> None:
        focused = self.focused
        if not isinstance(focused, KRField):
            return
        row = focused.payload
        kind = (
            KeyResultKind.METRIC if row.kind is KeyResultKind.MILESTONE else KeyResultKind.MILESTONE
        )
        if focused.has_class("kr-metric") and kind is KeyResultKind.MILESTONE:
            row.text_field.focus()  # the field about to be disabled
        self.session.edit(Item.KEY_RESULT.value, row.kr_id, kind=kind.value)
        self.session.flush()  # a choice, not typing: store it now
        row.set_kind(kind)
        self._coach_row(row)
        self._offer(row)

    def action_jump_objective(self, step: int) -> None:
        blocks = self.blocks
        current = self.focused_block()
        if not blocks or current is None:
            return
        index = blocks.index(current) + step
        if 0 <= index < len(blocks):
            target = blocks[index]
            target.rows[0].text_field.focus()
            target.scroll_visible(top=True)

    # -- the necessary-and-sufficient test ---------------------------------------

    def action_run_ns_test(self) -> None:
        block = self.focused_block()
        texts = self.stage.ns_test
        if block is None or texts is None or self._run is not None:
            return
        workshop = self.session.load()  # saves what was typed first
        objective = next(o for o in workshop.objectives if o.id == block.objective_id)
        run = NSRun(objective, block.number, texts)
        if not run.has_key_results:
            self.notify("Write this objective's key results first, then test them.")
            return
        self._run = run
        self._ask()

    def _ask(self) -> None:
        run = self._run
        assert run is not None and run.current is not None and self.stage.ns_test is not None
        # One dialog asks every question of the run, and comes back once at the end.
        self._modal_returns += 1
        self.app.push_screen(NSQuestionScreen(run, self.stage.ns_test.explanation), self._on_end)

    def _on_end(self, finished: bool | None) -> None:
        run, self._run = self._run, None
        if run is None:
            return
        if not finished:
            self.notify("Test stopped. Nothing was saved; press Ctrl+R to start again.")
            return
        self._finish(run)

    def _finish(self, run: NSRun) -> None:
        objective = run.objective
        assert objective.id is not None
        result = run.result(objective.ns_test, self.session.timer.now())
        if not self.session.save_ns_test(objective.id, result):
            return  # a read-only window: nothing was saved, and the session said so
        block = next((b for b in self.blocks if b.objective_id == objective.id), None)
        if block is None:
            return
        block.objective = objective.model_copy(update={"ns_test": result})
        block.show_outcome(describe_outcome(result, block.number))
        self._show_stored_failure(block, result, announce=True)

    def _show_stored_failure(
        self, block: ObjectiveBlock, result: NSTest, *, announce: bool = False
    ) -> None:
        """Highlight where the latest run failed, or clear it if it passed."""
        block.clear_failure()
        texts = self.stage.ns_test
        index = failed_key_result(result)
        rows = block.rows
        if index is not None and index < len(rows) and texts is not None:
            row = rows[index]
            row.add_class("-ns-failed")
            block.show_message(
                f"KR {block.number}.{index + 1} is not necessary. {texts.necessary_if_no}"
            )
            if announce:
                row.text_field.focus()
                row.scroll_visible()
                self.notify(texts.necessary_if_no, title="Not necessary", severity="warning")
        elif failed_sufficiency(result) and texts is not None:
            block.add_class("-ns-failed")
            block.show_message(f"Not sufficient yet. {texts.sufficient_if_no}")
            if announce:
                empty = [r for r in rows if not r.text_field.value.strip()]
                (empty[0] if empty else rows[-1]).text_field.focus()
                block.scroll_visible()
                self.notify(texts.sufficient_if_no, title="Not sufficient", severity="warning")
        elif announce and result.passed:
            self.notify(f"Objective {block.number} passed the test.", title="Passed")
