"""One objective on the objectives stage: its text, type, link and the room's other wordings.

The block only displays and carries ids; the screen does the saving. It keeps what
it shows (number, type, link) as state and paints the parts that exist: the screen
may set them before the block is mounted or after the stage has been left, and
`on_mount` paints whatever was set before. Its fields
are `FieldInput` subclasses that add the stage's keys to the footer:
- on the objective: Ctrl+O adds another wording under it;
- on a wording: Enter adds another, Ctrl+Y makes it the objective's text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from workshop.core.db.store import Item
from workshop.core.domain import GoalType, Objective, Variation
from workshop.core.textsafe import visible
from workshop.tui.widgets.fields import FieldInput, SaveTarget

# What each type means, beside the badge, so the room need not remember the scoring.
TYPE_NOTES = {
    GoalType.COMMITTED: "we will make it happen: scored 0 or 1 · Ctrl+T",
    GoalType.ASPIRATIONAL: "a real stretch: 0.7 is a good score · Ctrl+T",
}


class ObjectiveField(FieldInput):
    """An objective's text; Enter adds the next objective, Ctrl+O another wording."""

    BINDINGS = [Binding("ctrl+o", "add_child", "Other wording", show=True)]


class VariationField(FieldInput):
    """An alternative wording; Ctrl+Y makes it the objective's text."""

    BINDINGS = [
        Binding("ctrl+o", "add_child", "Other wording", show=False),
        Binding("ctrl+y", "use_wording", "Use this wording", show=True),
    ]

    class UseWording(FieldInput.ListKey):
        """Ctrl+Y: this wording becomes the objective."""

    def __init__(self, variation: Variation, **kwargs) -> None:
        assert variation.id is not None
        super().__init__(
            variation.text,
            target=SaveTarget(Item.VARIATION, variation.id, "text"),
            placeholder="Another way to say it…",
            list_item=True,
            classes="variation",
            **kwargs,
        )
        self.variation_id = variation.id
        self.chosen = variation.chosen
        self.show_chosen()

    def show_chosen(self) -> None:
        self.border_title = "✓ chosen wording" if self.chosen else "other wording"
        self.set_class(self.chosen, "-chosen")

    def action_use_wording(self) -> None:
        self.post_message(self.UseWording(self))


class ObjectiveBlock(Vertical):
    """An objective: header (number and type), its text, its link, its other wordings."""

    def __init__(self, objective: Objective, number: int) -> None:
        super().__init__(classes="item-block objective-block")
        assert objective.id is not None
        self.objective_id = objective.id
        self.objective = objective
        self.number = number
        self.goal_type = objective.goal_type
        self.priority_id: int | None = None
        self.parent_key_result_id: int | None = None
        self.priority_text: str | None = None  # None: not linked
        self.parent_text: str | None = None
        self.link_required = False  # duality: a parent key result is required
        self.parents_exist = True
        # What it serves in the company's own workshop (issue 18): ("KR" or "objective", text).
        self.company_link: tuple[str, str] | None = None
        # The period it was rolled over from at a quarter-end review (issue 17), if it was.
        self.rolled_over_from: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="objective-header")
        yield ObjectiveField(
            self.objective.text,
            target=SaveTarget(Item.OBJECTIVE, self.objective_id, "text"),
            placeholder=self.placeholder,
            list_item=True,
            classes="objective",
            payload=self,
        )
        yield Static("", classes="objective-link")
        for variation in self.objective.variations:
            yield VariationField(variation, payload=self)

    def on_mount(self) -> None:
        self.show_header()
        self.show_link()

    @property
    def placeholder(self) -> str:
        return f"Objective {self.number}: verb + what, so that + why"

    @property
    def field(self) -> ObjectiveField:
        return self.query_one(ObjectiveField)

    @property
    def variations(self) -> list[VariationField]:
        return list(self.query(VariationField))

    def _part(self, selector: str) -> Static | None:
        """One of the block's lines; None before they are mounted or once they are gone."""
        return next(self.query(selector).results(Static), None)

    def renumber(self, number: int) -> None:
        self.number = number
        for field in self.query(ObjectiveField):
            field.placeholder = self.placeholder
        self.show_header()

    def show_header(self) -> None:
        header = self._part(".objective-header")
        if header is None:
            return  # painted on mount
        aspirational = self.goal_type is GoalType.ASPIRATIONAL
        header.update(
            Content.assemble(
                (f"Objective {self.number}  ", "bold $secondary"),
                (
                    " ASPIRATIONAL " if aspirational else " COMMITTED ",
                    "bold reverse $accent" if aspirational else "bold reverse $primary",
                ),
                (f"  {TYPE_NOTES[self.goal_type]}", "$foreground 70%"),
                (
                    f"  ↻ rolled over from {self.rolled_over_from}"
                    if self.rolled_over_from is not None
                    else "",
                    "bold $secondary",
                ),
            )
        )

    def set_link(
        self,
        priority: tuple[int, str] | None,
        parent: tuple[int, str] | None,
    ) -> None:
        """Set the linked priority and parent key result as (row id, text), or None."""
        self.priority_id, self.priority_text = priority if priority else (None, None)
        self.parent_key_result_id, self.parent_text = parent if parent else (None, None)
        if self.is_mounted:
            self.show_link()

    def set_required(self, required: bool, parents_exist: bool) -> None:
        self.link_required = required
        self.parents_exist = parents_exist
        if self.is_mounted:
            self.show_link()

    def set_company_link(self, link: tuple[str, str] | None) -> None:
        """The company objective or key result this serves, as (kind, text), or None."""
        self.company_link = link
        if self.is_mounted:
            self.show_link()

    @property
    def missing_link(self) -> bool:
        company_kr = self.company_link is not None and self.company_link[0] == "KR"
        return self.link_required and self.parent_key_result_id is None and not company_kr

    def show_link(self) -> None:
        link = self._part(".objective-link")
        if link is None:
            return  # painted on mount
        lines: list[Content] = []
        if self.company_link is not None:
            kind, text = self.company_link
            lines.append(
                Content.assemble((f"  ↳ serves company {kind}: ", "bold $primary"), visible(text))
            )
        if self.parent_text is not None:
            lines.append(
                Content.assemble(
                    ("  ↳ builds on company KR: ", "bold $primary"), visible(self.parent_text)
                )
            )
        if self.priority_text is not None:
            lines.append(
                Content.assemble(
                    ("  ↳ serves priority: ", "bold $primary"), visible(self.priority_text)
                )
            )
        if self.missing_link:
            where = (
                "Ctrl+L to pick one"
                if self.parents_exist
                else "none entered yet: add them in set-up"
            )
            lines.append(
                Content.assemble(
                    (" ✗ NO COMPANY KEY RESULT ", "bold reverse $error"),
                    (f" duality needs one: {where}", "bold $error"),
                )
            )
        elif not lines:
            lines.append(Content.styled("  no link yet (Ctrl+L)", "$foreground 60%"))
        link.update(Content("\n").join(lines))
        self.set_class(self.missing_link, "-missing-link")
