"""Stage 3: choose the cascade model, then draft up to five objectives with the coach reading along.

Keys (besides the list keys of every stage):
- F2 focuses the cascade models (Left/Right flip the examples, Enter picks one);
- Ctrl+T toggles the focused objective between committed and aspirational;
- Ctrl+L links it to a company priority or a parent key result;
- Ctrl+O adds another wording under it, Ctrl+Y on a wording makes it the objective.

Text autosaves through `FieldInput`; the type, the link, the model and the chosen
wording are written to the store at once.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.events import DescendantFocus, ScreenResume
from textual.widgets import Static

from workshop.core.coach import judge_counts
from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel, GoalType, Objective, Variation, Workshop
from workshop.tui.dialogs.objective_link import LinkChoice, LinkPicker
from workshop.tui.screens.base import StageScreen
from workshop.tui.screens.company_keys import CompanyObjectiveLinks
from workshop.tui.screens.list_edits import (
    LIST_EDIT_BINDINGS,
    Removed,
    UndoStack,
    bring_back,
    focus_neighbour,
    place_of,
)
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.cascade_picker import MODEL_NAMES, CascadePicker
from workshop.tui.widgets.coach_panel import CoachPanel
from workshop.tui.widgets.company_okrs import CompanyOkrs
from workshop.tui.widgets.fields import FieldInput, SaveTarget
from workshop.tui.widgets.objective_block import ObjectiveBlock, ObjectiveField, VariationField

DEFAULT_MAX = 5
RECOMMENDED_MIN = 3


class ObjectivesScreen(CompanyObjectiveLinks, StageScreen):
    STAGE_KEY = "objectives"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("f2", "focus_models", "Models"),
        Binding("ctrl+t", "toggle_type", "Type"),
        Binding("ctrl+l", "link", "Link"),
        *LIST_EDIT_BINDINGS,
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.workshop: Workshop | None = None
        self._loaded = False
        # Objectives and wordings removed on this stage, for Ctrl+Z.
        self.undo = UndoStack()

    # -- layout ------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        yield CascadePicker(self.stage.examples, self.stage.points, id="cascade")
        yield Static("", id="cascade-warning")
        yield Static("", id="objective-count", classes="count")
        if self.stage.formula is not None:
            yield Static(
                Content.assemble(("Formula: ", "bold $secondary"), self.stage.formula.text),
                id="formula",
            )
        yield Static(
            "Enter: next objective · Ctrl+O: other wording · Ctrl+Y: use it · "
            "Backspace on empty or Ctrl+Del: remove · Ctrl+Z: bring it back · Alt+↑/↓: move",
            classes="key-hint",
        )
        yield Vertical(id="objectives")

    def on_mount(self) -> None:
        super().on_mount()
        extra = self.query_one("#guide-extra", Vertical)
        extra.mount(CoachPanel(self.stage.formula, id="coach"))
        extra.mount(CompanyOkrs(id="company-okrs"))  # in view while writing (issue 14)

    @property
    def coach(self) -> CoachPanel:
        return self.query_one("#coach", CoachPanel)

    @property
    def max_objectives(self) -> int:
        return self.session.agenda.limits.max_objectives or DEFAULT_MAX

    @property
    def blocks(self) -> list[ObjectiveBlock]:
        return list(self.query(ObjectiveBlock))

    # -- loading -------------------------------------------------------------

    @on(ScreenResume)
    async def _keep_editor_on_resume(self, event: ScreenResume) -> None:
        # Runs before StageScreen.on_screen_resume (Textual calls each class's handler).
        # Build once. Later resumes come from a modal closing (the link picker, the
        # palette, the clock's dialogs), which never change what this stage shows:
        # rebuilding then would only flash and lose the cursor.
        if self._loaded:
            event.prevent_default()
            self.back_from_dialog()

    async def reload(self) -> None:
        self._loaded = True
        focused = self._focused_target()
        workshop = self.session.load()
        self.workshop = workshop
        self.query_one(CompanyOkrs).show_for(self.session, workshop)
        self.query_one(CascadePicker).set_chosen(workshop.cascade_model)
        container = self.query_one("#objectives", Vertical)
        await container.remove_children()
        blocks = [ObjectiveBlock(o, i + 1) for i, o in enumerate(workshop.objectives)]
        for block, objective in zip(blocks, workshop.objectives, strict=True):
            self._set_block_link(block, objective, workshop)
        # Objectives carried over from the previous period's quarter-end review (issue 17),
        # by id: the room may have moved objectives since.
        from workshop.core.okr.meetings import read_rolled_over
        from workshop.core.okr.rollover import rolled_over_objectives

        marks = read_rolled_over(workshop)
        if marks is not None:
            for o in rolled_over_objectives(marks.rolled_over, workshop):
                blocks[o].rolled_over_from = marks.from_period or "before"
        await container.mount_all(blocks)
        self._show_requirement()
        self.show_company_links()
        if not blocks:
            await self.add_objective(focus=False)
        if not self._refocus(focused):
            # The model comes first; once chosen, the room writes.
            if workshop.cascade_model is None:
                self.action_focus_models()
            else:
                self.blocks[0].field.focus()
        self.update_count()

    def _focused_target(self) -> SaveTarget | None:
        focused = self.focused
        return focused.target if isinstance(focused, FieldInput) else None

    def _refocus(self, target: SaveTarget | None) -> bool:
        if target is None:
            return False
        for field in self.query(FieldInput):
            if field.target == target:
                field.focus()
                return True
        return False

    def _set_block_link(self, block: ObjectiveBlock, objective: Objective, w: Workshop) -> None:
        priority = None
        if objective.priority_index is not None and objective.priority_index < len(w.priorities):
            p = w.priorities[objective.priority_index]
            assert p.id is not None
            priority = (p.id, p.text)
        parent = None
        kr = w.parent_key_result(objective.parent_ref)
        if kr is not None and kr.id is not None:
            parent = (kr.id, kr.text)
        block.set_link(priority, parent)

    def _parent_krs_exist(self) -> bool:
        w = self.workshop
        if self.company_krs_exist():
            return True  # the linked company's own key results (issue 18)
        return w is not None and any(p.key_results for p in w.parent_objectives)

    def _show_requirement(self) -> None:
        """Mark objectives that lack their required link, and say so when none can be made."""
        w = self.workshop
        duality = w is not None and w.cascade_model is CascadeModel.DUALITY
        exist = self._parent_krs_exist()
        for block in self.blocks:
            block.set_required(duality, exist)
        warning = self.query_one("#cascade-warning", Static)
        warning.display = duality and not exist
        if duality and not exist:
            warning.update(
                Content.assemble(
                    (" No company key results yet ", "bold reverse $error"),
                    " Duality turns one of them into each objective. Add them in set-up: "
                    "Ctrl+B goes back a stage (set-up is three back). Or press F2 and pick "
                    "another model.",
                )
            )

    # -- counting and the coach ----------------------------------------------

    def update_count(self) -> None:
        # Count what is written, as the coach does; the cap counts rows, blank or not.
        written = sum(1 for b in self.blocks if b.field.value.strip())
        high = self.max_objectives
        low = min(RECOMMENDED_MIN, high)
        if written > high:
            text = f"{written} objectives: more than {high}. Keep the ones that matter most."
        elif written < low:
            text = f"{written} of {low}–{high} objectives written"
        else:
            text = f"{written} objectives: a good number"
        if len(self.blocks) >= high:
            text += f" · all {high} places used"
        else:
            text += f" · {high} at most"
        label = self.query_one("#objective-count", Static)
        label.update(text)
        label.set_class(written > high, "-warning")
        self._update_count_findings()

    def _update_count_findings(self) -> None:
        if not self.query("#coach"):
            return
        drafts = Workshop(objectives=[Objective(text=b.field.value) for b in self.blocks])
        self.coach.show_counts([f for f in judge_counts(drafts) if f.rule == "counts.objectives"])

    @on(DescendantFocus)
    def _coach_follows_focus(self, event: DescendantFocus) -> None:
        widget = event.widget
        # While the models are being shown, a small screen gives them the guide's rows too.
        self.set_class(isinstance(widget, CascadePicker), "-picking")
        if isinstance(widget, ObjectiveField | VariationField) and self.query("#coach"):
            self.coach.show_objective(widget.value)
            self.coach.flush()  # a new statement: no need to wait

    @on(FieldInput.Changed)
    def _coach_reads_along(self, event: FieldInput.Changed) -> None:
        if isinstance(event.input, ObjectiveField | VariationField) and self.query("#coach"):
            if event.input.has_focus:
                self.coach.show_objective(event.value)
            if isinstance(event.input, ObjectiveField):
                self.update_count()

    # -- the cascade model -----------------------------------------------------

    def action_focus_models(self) -> None:
        self.query_one(CascadePicker).focus(scroll_visible=False)
        # The models sit at the top of the stage: show them from their first line.
        self.query_one("#stage-main").scroll_home(animate=False)

    @on(CascadePicker.Chosen)
    def _model_chosen(self, event: CascadePicker.Chosen) -> None:
        if not self.session.update_workshop(cascade_model=event.model):
            return  # a read-only window: the session said so
        if self.workshop is not None:
            self.workshop = self.workshop.model_copy(update={"cascade_model": event.model})
        self._show_requirement()
        self.notify(f"Cascade model: {MODEL_NAMES[event.model]}. Now write the objectives.")
        if self.blocks:
            self.blocks[0].field.focus()

    # -- objectives ------------------------------------------------------------

    def _focused_block(self) -> ObjectiveBlock | None:
        focused = self.focused
        if isinstance(focused, FieldInput) and isinstance(focused.payload, ObjectiveBlock):
            return focused.payload
        return None

    async def add_objective(
        self, after: ObjectiveBlock | None = None, *, focus: bool = True
    ) -> None:
        if len(self.blocks) >= self.max_objectives:
            self.notify(
                f"{self.max_objectives} objectives is the limit. Sharpen or merge the ones "
                "you have, or remove one first.",
                title="No more objectives",
                severity="warning",
            )
            return
        objective_id = self.session.add(
            Item.OBJECTIVE,
            self.session.workshop_id,
            after_id=after.objective_id if after else None,
            text="",
        )
        block = ObjectiveBlock(Objective(id=objective_id), len(self.blocks) + 1)
        container = self.query_one("#objectives", Vertical)
        await (container.mount(block, after=after) if after else container.mount(block))
        w = self.workshop
        block.set_required(
            w is not None and w.cascade_model is CascadeModel.DUALITY, self._parent_krs_exist()
        )
        self._renumber()
        if focus:
            block.field.focus()
            block.scroll_visible()
        self.update_count()

    def _renumber(self) -> None:
        for number, block in enumerate(self.blocks, start=1):
            if block.number != number:
                block.renumber(number)

    async def remove_objective(self, block: ObjectiveBlock) -> None:
        """Remove an objective with its wordings and key results; Ctrl+Z brings it back."""
        workshop = self.session.load()
        objective = next((o for o in workshop.objectives if o.id == block.objective_id), None)
        if objective is None:
            return
        children = [
            Removed(Item.VARIATION, 0, 0, {"text": v.text, "chosen": v.chosen})
            for v in objective.variations
        ]
        children += [
            Removed(Item.KEY_RESULT, 0, 0, kr.model_dump(exclude={"id"}))
            for kr in objective.key_results
        ]
        removed = Removed(
            Item.OBJECTIVE,
            self.session.workshop_id,
            place_of(self.session, Item.OBJECTIVE, self.session.workshop_id, block.objective_id),
            {
                "text": objective.text,
                "goal_type": objective.goal_type,
                "priority_id": block.priority_id,
                "parent_key_result_id": block.parent_key_result_id,
            },
            children=children,
            label=f"Objective {block.number}",
        )
        if not self.session.delete(Item.OBJECTIVE, block.objective_id):
            return  # a read-only window: the session said so
        self.undo.push(removed)
        focus_neighbour(self, block)
        await block.remove()
        self._renumber()
        if not self.blocks:
            await self.add_objective()
        self.update_count()
        if objective.text.strip() or children:
            self.notify(f"{removed.label} removed. Ctrl+Z brings it back.", markup=False)

    async def action_remove_item(self) -> None:
        """Ctrl+Delete: remove the focused wording, or the objective with all it holds."""
        field = self.focused
        if isinstance(field, VariationField):
            await self.remove_variation(field)
        elif isinstance(field, ObjectiveField):
            await self.remove_objective(field.payload)
        else:
            self.notify("Move to an objective first, then press Ctrl+Delete.")

    async def remove_variation(self, field: VariationField) -> None:
        block: ObjectiveBlock = field.payload
        removed = Removed(
            Item.VARIATION,
            block.objective_id,
            place_of(self.session, Item.VARIATION, block.objective_id, field.variation_id),
            {"text": field.value, "chosen": field.chosen},
            label="That wording",
        )
        if not self.session.delete(Item.VARIATION, field.variation_id):
            return
        self.undo.push(removed)
        focus_neighbour(self, field)
        await field.remove()
        if field.value:
            self.notify("Wording removed. Ctrl+Z brings it back.")

    async def action_undo_remove(self) -> None:
        """Ctrl+Z: bring back what was removed last, where it was."""
        removed = self.undo.pop()
        if removed is None:
            self.notify("Nothing removed on this stage to bring back.")
            return
        if removed.item is Item.OBJECTIVE and len(self.blocks) >= self.max_objectives:
            self.undo.push(removed)
            self.notify(
                f"{self.max_objectives} objectives is the limit. Remove one first to "
                f"bring back {removed.label.lower()}.",
                severity="warning",
            )
            return
        await bring_back(self, self.undo, removed)

    def action_move_item(self, step: int) -> None:
        """Alt+Up / Alt+Down: move the focused objective up or down the list."""
        block = self._focused_block()
        if block is None:
            return
        blocks = self.blocks
        index = blocks.index(block) + step
        if not 0 <= index < len(blocks):
            return
        if not self.session.move(Item.OBJECTIVE, block.objective_id, step):
            return
        container = self.query_one("#objectives", Vertical)
        if step < 0:
            container.move_child(block, before=blocks[index])
        else:
            container.move_child(block, after=blocks[index])
        self._renumber()
        if self.focused is not None:
            self.focused.scroll_visible()

    def action_toggle_type(self) -> None:
        block = self._focused_block()
        if block is None:
            self.notify("Move to an objective first, then press Ctrl+T.")
            return
        new = GoalType.ASPIRATIONAL if block.goal_type is GoalType.COMMITTED else GoalType.COMMITTED
        if not self.session.update(Item.OBJECTIVE, block.objective_id, goal_type=new):
            return
        block.goal_type = new
        block.show_header()

    # -- links -----------------------------------------------------------------

    def action_link(self) -> None:
        block = self._focused_block()
        if block is None:
            self.notify("Move to an objective first, then press Ctrl+L.")
            return
        if self.link_with_company(block):
            return  # the company's own OKRs are read first, then the picker opens
        workshop = self.session.load()
        self.workshop = workshop
        note = ""
        if not any(p.key_results for p in workshop.parent_objectives):
            note = "No company key results yet: add them in set-up (Ctrl+B goes back)."
        self.app.push_screen(
            LinkPicker(
                f"Link objective {block.number} to…",
                workshop,
                block.priority_id,
                block.parent_key_result_id,
                note=note,
                prefer_parent=workshop.cascade_model is CascadeModel.DUALITY,
            ),
            lambda choice: self._linked(block.objective_id, choice),
        )

    def _linked(self, objective_id: int, choice: LinkChoice | None) -> None:
        if choice is None or self.company_linked(objective_id, choice):
            return
        block = next((b for b in self.blocks if b.objective_id == objective_id), None)
        if block is None:
            return
        priority_id, parent_id = block.priority_id, block.parent_key_result_id
        if choice.kind == "none":
            priority_id = parent_id = None
        elif choice.kind == "priority":
            # Picking the linked one again unlinks it.
            priority_id = None if choice.row_id == priority_id else choice.row_id
        else:
            parent_id = None if choice.row_id == parent_id else choice.row_id
        if not self.session.update(
            Item.OBJECTIVE,
            objective_id,
            priority_id=priority_id,
            parent_key_result_id=parent_id,
        ):
            return
        w = self.session.load()
        self.workshop = w
        objective = next(o for o in w.objectives if o.id == objective_id)
        self._set_block_link(block, objective, w)
        block.field.focus()

    # -- wordings --------------------------------------------------------------

    async def add_variation(self, block: ObjectiveBlock, after: VariationField | None) -> None:
        variation_id = self.session.add(
            Item.VARIATION,
            block.objective_id,
            after_id=after.variation_id if after else None,
            text="",
        )
        field = VariationField(Variation(id=variation_id), payload=block)
        existing = block.variations
        anchor = after or (existing[-1] if existing else block.query_one(".objective-link"))
        await block.mount(field, after=anchor)
        field.focus()
        field.scroll_visible()

    @on(VariationField.UseWording)
    async def use_wording(self, event: VariationField.UseWording) -> None:
        """Make a wording the objective's text; the old text stays as a wording."""
        field = event.field
        assert isinstance(field, VariationField)
        block: ObjectiveBlock = field.payload
        new_text = field.value
        if not new_text.strip():
            self.notify("This wording is empty: type it first.", severity="warning")
            return
        if not self.session.allow_change():
            return
        old_text = block.field.value
        for variation in block.variations:
            variation.chosen = variation is field
            self.session.update(Item.VARIATION, variation.variation_id, chosen=variation.chosen)
            variation.show_chosen()
        self.session.update(Item.OBJECTIVE, block.objective_id, text=new_text)
        block.field.value = new_text
        # Nothing the room said is lost: the old objective becomes a wording.
        if old_text.strip() and old_text not in (v.value for v in block.variations):
            variation_id = self.session.add(Item.VARIATION, block.objective_id, text=old_text)
            await block.mount(
                VariationField(Variation(id=variation_id, text=old_text), payload=block),
                after=block.variations[-1],
            )
        self.notify(f"Objective {block.number} now uses this wording.")
        self._update_count_findings()

    # -- list keys -------------------------------------------------------------

    @on(FieldInput.AddSibling)
    async def _on_add_sibling(self, event: FieldInput.AddSibling) -> None:
        field = event.field
        if isinstance(field, VariationField):
            await self.add_variation(field.payload, after=field)
        elif isinstance(field, ObjectiveField):
            await self.add_objective(after=field.payload)

    @on(FieldInput.AddChild)
    async def _on_add_child(self, event: FieldInput.AddChild) -> None:
        field = event.field
        after = field if isinstance(field, VariationField) else None
        await self.add_variation(field.payload, after=after)

    @on(FieldInput.Remove)
    async def _on_remove(self, event: FieldInput.Remove) -> None:
        field = event.field
        if isinstance(field, VariationField):
            await self.remove_variation(field)
        elif isinstance(field, ObjectiveField):
            await self.remove_objective(field.payload)
