"""The key results editor's building blocks: one objective with its key result rows.

A `KeyResultRow` is the key result's text on one line and, under it, a compact
line of small fields (from · to · unit · owner) so it stays usable at 80x24. A
milestone hides and disables from/to/unit: it is done or not done. Every field
is a `FieldInput` with a save target, so the stage screen autosaves it.

The stage builds its objectives one per turn of the event loop and may be left at
any moment, so a block can be asked to show something before its parts are
mounted, or after they are gone. Blocks and rows therefore keep what they show
(number, outcome, message, count) as state and paint whichever of their parts
exist: `on_mount` paints the rest, and a part already removed is simply skipped.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from workshop.core.db.store import Item
from workshop.core.domain import KeyResult, KeyResultKind, Objective
from workshop.core.textsafe import visible
from workshop.tui.widgets.fields import FieldInput, SaveTarget

KR_PLACEHOLDER = "Verb + what we measure + from X to Y"

# (field on KeyResult, label, placeholder, only for metrics)
SMALL_FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("start", "from", "today", True),
    ("target", "to", "target", True),
    ("unit", "unit", "e.g. %", True),
    ("owner", "owner", "who", False),
)


class KRField(FieldInput):
    """A key result field that knows its row and which field of the key result it edits."""

    def __init__(self, value: str, *, row: KeyResultRow, name: str, **kwargs: Any) -> None:
        target = SaveTarget(Item.KEY_RESULT, row.kr_id, name)
        super().__init__(value, target=target, payload=row, **kwargs)
        self.kr_field = name

    async def action_submit(self) -> None:
        # Enter anywhere in a key result (its from, to, unit or owner too) starts the next
        # one, as the stage's hint says; the small fields keep their other keys plain
        # (Backspace on an empty "from" must not remove the key result).
        self._ask(self.AddSibling(self))


class KeyResultRow(Vertical):
    """One key result: its text, then from · to · unit · owner on one compact line."""

    def __init__(self, key_result: KeyResult, block: ObjectiveBlock) -> None:
        super().__init__(classes="kr-row")
        assert key_result.id is not None
        self.kr_id: int = key_result.id
        self.key_result = key_result
        self.kind = key_result.kind
        self.block = block
        self.kr_title = ""  # "KR o.k · kind", on the text field's border
        self.set_class(self.kind is KeyResultKind.MILESTONE, "-milestone")

    def compose(self) -> ComposeResult:
        kr = self.key_result
        text = KRField(
            kr.text,
            row=self,
            name="text",
            placeholder=KR_PLACEHOLDER,
            list_item=True,
            classes="kr-text",
        )
        text.border_title = self.kr_title
        yield text
        with Horizontal(classes="kr-details"):
            for name, label, placeholder, metric_only in SMALL_FIELDS:
                classes = f"kr-small kr-{name}" + (" kr-metric" if metric_only else "")
                yield Label(label, classes="kr-label" + (" kr-metric" if metric_only else ""))
                yield KRField(
                    getattr(kr, name),
                    row=self,
                    name=name,
                    placeholder=placeholder,
                    compact=True,
                    classes=classes,
                    disabled=metric_only and self.kind is KeyResultKind.MILESTONE,
                )
                if name == "unit":
                    yield Label("milestone: done or not done", classes="kr-done-note")
        # The from/to/unit the sentence states, offered while the row has the cursor.
        yield Label("", classes="kr-suggestion", markup=False)

    @property
    def text_field(self) -> KRField:
        return self.query_one(".kr-text", KRField)

    def field(self, name: str) -> KRField:
        return self.query_one(f".kr-{name}", KRField)

    @property
    def text(self) -> str:
        """The key result's text as typed (as loaded, until the row is composed)."""
        fields = self.query(".kr-text").results(KRField)
        field = next(fields, None)
        return field.value if field is not None else self.key_result.text

    def number(self, position: int) -> None:
        """Show "KR o.k · kind" on the text field's border."""
        self.kr_title = f"KR {self.block.number}.{position} · {self.kind.value}"
        for field in self.query(".kr-text").results(KRField):
            field.border_title = self.kr_title

    def set_kind(self, kind: KeyResultKind) -> None:
        """Show the row as a metric or a milestone (the caller saves the kind)."""
        self.kind = kind
        self.set_class(kind is KeyResultKind.MILESTONE, "-milestone")
        for field in self.query(".kr-metric").results(KRField):
            field.disabled = kind is KeyResultKind.MILESTONE
        self.block.renumber()

    def has_details(self) -> bool:
        """True if any small field has text (so removing the row would lose it)."""
        return any(f.value for f in self.query(".kr-small").results(KRField))


class ObjectiveBlock(Vertical):
    """One objective (read-only here), its test outcome and its key result rows."""

    def __init__(
        self, objective: Objective, number: int, low: int, high: int, outcome: str = ""
    ) -> None:
        super().__init__(classes="objective-block")
        assert objective.id is not None
        self.objective_id: int = objective.id
        self.objective = objective
        self.number = number
        self.low = low
        self.high = high
        self.outcome = outcome
        self.message = ""  # why the latest test failed, or a limit reached

    def compose(self) -> ComposeResult:
        kind = self.objective.goal_type.value
        with Horizontal(classes="objective-head"):
            yield Label(f"Objective {self.number} · {kind}", classes="objective-heading")
            yield Label(self.outcome, classes="ns-outcome", markup=False)
        yield Label(
            visible(self.objective.text) or "(no text yet: write it in step 3, Ctrl+B)",
            classes="objective-text",
            markup=False,
        )
        yield Label("", classes="ns-message", markup=False)  # painted on mount
        with Vertical(classes="kr-list"):
            for kr in self.objective.key_results:
                yield KeyResultRow(kr, self)
        yield Label("", classes="count kr-count")

    def on_mount(self) -> None:
        self.renumber()
        self._paint_message()

    @property
    def rows(self) -> list[KeyResultRow]:
        return list(self.query(KeyResultRow).results(KeyResultRow))

    def _label(self, selector: str) -> Label | None:
        """One of the block's labels; None before they are mounted or once they are gone."""
        return next(self.query(selector).results(Label), None)

    def renumber(self) -> None:
        """Refresh the KR numbers and the count line after an add, remove or toggle."""
        rows = self.rows
        for position, row in enumerate(rows, start=1):
            row.number(position)
        label = self._label(".kr-count")
        if label is None:
            return
        written = sum(1 for row in rows if row.text.strip())
        if written == 0:
            label.update("No key results yet: write the first one above.")
        elif written < self.low:
            label.update(f"{written} of {self.low}–{self.high} key results: add more.")
        elif written > self.high:
            label.update(f"{written} key results: keep at most {self.high}.")
        else:
            label.update(f"{written} key results: a good number.")
        label.set_class(written < self.low or written > self.high, "-warning")

    def show_outcome(self, text: str) -> None:
        self.outcome = text
        if (label := self._label(".ns-outcome")) is not None:
            label.update(text)

    def show_message(self, text: str) -> None:
        self.message = text
        self._paint_message()

    def _paint_message(self) -> None:
        if (label := self._label(".ns-message")) is not None:
            label.update(self.message)
            label.set_class(bool(self.message), "-shown")

    def clear_failure(self) -> None:
        """Remove every "failed the test" highlight from this objective."""
        self.remove_class("-ns-failed")
        for row in self.rows:
            row.remove_class("-ns-failed")
        self.show_message("")
