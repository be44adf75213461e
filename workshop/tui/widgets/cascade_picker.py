"""Choosing the cascade model: flip through a worked example of each, pick one.

The examples come from the agenda (`stage.examples`), one per model, with the
model's explanation taken from the talking point of the same title. With the
picker focused, Left/Right flip the examples and Enter picks the one shown; the
picker posts `CascadePicker.Chosen` and the screen stores it. Enter on the model
already chosen keeps it and says so; Esc or F2 closes the picker without a
change. Unfocused, once a model is chosen, it folds to one line (by the
stylesheet, on :blur) so the objectives get the room.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from workshop.core.agenda.model import CascadeExample, Point
from workshop.core.domain import CascadeModel

MODEL_NAMES: dict[CascadeModel, str] = {
    CascadeModel.DUALITY: "Duality",
    CascadeModel.FLEXIBLE: "Flexible",
    CascadeModel.BOTTOM_UP: "Bottom-up",
}

_OTHER_MODELS = Binding.Group("Models")


class CascadePicker(Vertical, can_focus=True):
    """The three cascade models, one worked example at a time."""

    BINDINGS = [
        # One footer hint for both: "← → Models".
        Binding("left", "flip(-1)", "Previous model", group=_OTHER_MODELS),
        Binding("right", "flip(1)", "Next model", group=_OTHER_MODELS),
        Binding("enter", "choose", "Choose"),
        # Reopened with F2 to look again: Esc or F2 closes it, keeping the model.
        Binding("escape,f2", "close", "Close"),
        # On a small screen the example runs past the bottom: Up/Down scroll it.
        Binding("down", "scroll_stage(3)", "Scroll", show=False),
        Binding("up", "scroll_stage(-3)", "Scroll", show=False),
    ]

    class Chosen(Message):
        """The facilitator picked `model`."""

        def __init__(self, model: CascadeModel) -> None:
            super().__init__()
            self.model = model

    def __init__(
        self,
        examples: Sequence[CascadeExample],
        points: Sequence[Point] = (),
        chosen: CascadeModel | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.examples = list(examples)
        # The talking point whose title names the model explains it in a sentence or two.
        self.explanations = {
            example.model: point.body
            for example in self.examples
            for point in points
            if point.title.strip().lower() == example.model.value
        }
        self.chosen = chosen
        self.index = next(
            (i for i, e in enumerate(self.examples) if e.model is chosen),
            0,
        )

    def compose(self) -> ComposeResult:
        with Horizontal(classes="cascade-summary-row"):
            yield Static("", classes="cascade-summary")
            yield Static("   F2: change or look again", classes="cascade-change")
        with Vertical(classes="cascade-detail"):
            yield Static("", classes="cascade-tabs")
            yield Static("", classes="cascade-explanation")
            yield Static("", classes="cascade-example")
            # Which line shows depends on focus; the stylesheet picks (:focus / :blur).
            yield Static(
                "← → flip through the examples · Enter: use this model · Esc: close",
                classes="cascade-keys cascade-keys-focused",
            )
            yield Static(
                "F2: flip through the examples", classes="cascade-keys cascade-keys-blurred"
            )

    def on_mount(self) -> None:
        self.show()

    @property
    def shown(self) -> CascadeExample | None:
        return self.examples[self.index] if self.examples else None

    def action_flip(self, step: int) -> None:
        if self.examples:
            self.index = (self.index + step) % len(self.examples)
            self.show()

    def action_scroll_stage(self, lines: int) -> None:
        container = self.parent
        if isinstance(container, Widget):
            container.scroll_relative(y=lines, animate=False)

    def action_choose(self) -> None:
        """Enter: use the model shown. The model already chosen is kept, and the room told so."""
        example = self.shown
        if example is None:
            return
        if example.model is self.chosen:
            self.notify(
                f"Still {MODEL_NAMES.get(example.model, example.model.value)}: nothing changed."
            )
            self.action_close()
            return
        self.chosen = example.model
        self.post_message(self.Chosen(example.model))
        self.show()

    def action_close(self) -> None:
        """Esc or F2: stop looking; focus moves on and the picker folds to its one line."""
        self.index = next(
            (i for i, e in enumerate(self.examples) if e.model is self.chosen), self.index
        )
        self.show()
        self.screen.focus_next()

    def set_chosen(self, model: CascadeModel | None) -> None:
        self.chosen = model
        self.show()

    def show(self) -> None:
        """Repaint for the current example and choice."""
        self.set_class(self.chosen is not None, "-chosen")
        self.query_one(".cascade-summary", Static).update(self._summary())
        example = self.shown
        if example is None:
            return
        tabs: list[str | tuple[str, str]] = [("◀ ", "$secondary")]
        for i, e in enumerate(self.examples):
            name = MODEL_NAMES.get(e.model, e.model.value)
            if e.model is self.chosen:
                name = f"✓ {name}"
            if i:
                tabs.append("   ")
            tabs.append((f" {name} ", "bold reverse $secondary" if i == self.index else ""))
        tabs.append((" ▶", "$secondary"))
        self.query_one(".cascade-tabs", Static).update(Content.assemble(*tabs))
        self.query_one(".cascade-explanation", Static).update(
            Content(self.explanations.get(example.model, ""))
        )
        self.query_one(".cascade-example", Static).update(_example_content(example))

    def _summary(self) -> Content:
        if self.chosen is None:
            return Content.assemble(
                ("Cascade model: ", "bold"),
                ("not chosen yet", "bold $warning"),
            )
        return Content.assemble(
            ("Cascade model: ", "bold"),
            (MODEL_NAMES.get(self.chosen, self.chosen.value), "bold $secondary"),
        )


def _example_content(example: CascadeExample) -> Content:
    """A worked example as labelled lines: company goal, the team's objective, its KRs, the link."""
    label = "bold $primary"
    lines: list[str | tuple[str, str]] = [
        ("Example: ", label),
        f"{example.organisation}. Team: {example.team}\n",
        ("Company objective: ", label),
        f"{example.company_objective}\n",
        ("Company key result: ", label),
        f"{example.company_key_result}\n",
        ("Team objective: ", "bold $secondary"),
        (f"{example.objective}\n", "bold"),
        ("Team key results:\n", label),
    ]
    lines += [f"  • {kr}\n" for kr in example.key_results]
    lines += [("Link: ", label), example.link]
    return Content.assemble(*lines)
