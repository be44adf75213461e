"""Inputs that know where their text is saved, and the keys of a list editor.

A `FieldInput` carries its save target (the workshop row or an item, its id and
the field name). The base stage screen handles every `FieldInput.Changed` in one
place and queues the autosave, so no screen can forget to save a field.

List editing keys, the same on every stage:
- Enter adds a sibling below (`ListKeys.AddSibling`),
- Ctrl+O adds a child, e.g. a "why" under a priority (`ListKeys.AddChild`),
- Backspace in an empty field removes the item (`ListKeys.Remove`),
- Up and Down move between fields.

Text is shown literally: `.value` (what autosave stores) stays verbatim, but
what reaches the terminal is `visible(value)`, where every control character is
a one-cell stand-in (ESC shows as ␛). Textual would otherwise pass an escape
sequence typed or pasted into a field straight to the projector's terminal.
A field holds at most `MAX_FIELD_CHARS`; a longer paste is refused with a note.

A statement (`wrap=True`, the default for list items: priorities, reasons,
objectives, wordings, key results) is read whole when the cursor is elsewhere:
the field grows to as many lines as its text needs and shows it wrapped at word
boundaries. The field with the cursor is the one-line editor Textual's `Input`
is (it scrolls sideways as the room types), so every key means what it always
meant: Enter, Ctrl+O, Backspace on empty, Up and Down keep their list meanings,
and focus moves exactly as before. A `TextArea` with soft wrap was the other
way; it was not taken because Up/Down and Enter would mean "move a line" and
"new line" inside it, control characters would need the stand-ins drawn again
through more of Textual's private API, and every screen queries `Input`.

Keys reach a field in the order they were typed, each after the one before has
settled, so a key typed straight after Enter lands in the new line: see
`workshop.tui.key_pump`, the one place that orders keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Self

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input

from workshop.core.db.store import MAX_FIELD_CHARS
from workshop.core.textsafe import visible

TOO_LONG = f"That is too long for one field (at most {MAX_FIELD_CHARS:,} characters)."


@dataclass(frozen=True)
class SaveTarget:
    """Where a field's text goes: `kind` is "workshop" or an `Item` value."""

    kind: str
    row_id: int
    field: str


class FieldInput(Input):
    """A single-line field that autosaves to `target` and speaks the list keys."""

    BINDINGS = [
        Binding("ctrl+o", "add_child", "Add below", show=False),
        Binding("up", "focus_previous_field", "Previous field", show=False),
        Binding("down", "focus_next_field", "Next field", show=False),
    ]

    class ListKey(Message):
        """Base of the list-editing requests; handle the subclasses, not this."""

        def __init__(self, field: FieldInput) -> None:
            super().__init__()
            self.field = field

    class AddSibling(ListKey):
        """Enter: add an item of the same kind below this one."""

    class AddChild(ListKey):
        """Ctrl+O: add an item under this one."""

    class Remove(ListKey):
        """Backspace in an empty field: remove this item."""

    def __init__(
        self,
        value: str = "",
        *,
        target: SaveTarget | None = None,
        placeholder: str = "",
        list_item: bool = False,
        wrap: bool | None = None,
        payload: Any = None,
        select_on_focus: bool = False,
        **kwargs: Any,
    ) -> None:
        # select_on_focus is off unless asked for: arrowing into a field and typing
        # must never replace the room's text (only an app suggestion may be replaced).
        kwargs.setdefault("max_length", MAX_FIELD_CHARS)
        # A statement wraps when the cursor is elsewhere (app.tcss: height auto).
        self.wraps = list_item if wrap is None else wrap
        if self.wraps:
            kwargs["classes"] = " ".join(filter(None, (kwargs.get("classes"), "-wraps")))
        self._wrap_cache: tuple[tuple[str, int], list[Text]] | None = None
        self._typed_in_place = False
        # Input.__init__ sets the value (posting Changed) and the compact flag (a class
        # change, which restyles at once). Text from the store is not an edit: nothing
        # to save back or recount. prevent() only reads a context variable, so it works
        # before Input.__init__. Typing still posts Changed.
        with self.prevent(Input.Changed):
            super().__init__(
                value, placeholder=placeholder, select_on_focus=select_on_focus, **kwargs
            )
        self.target = target
        self.list_item = list_item
        # Whatever the screen needs to find the item again (e.g. its parent id).
        self.payload = payload

    def update_node_styles(self, animate: bool = True) -> None:
        # Textual styles the field when it is mounted anyway; a restyle asked for before
        # then (a class set in __init__) is a few ms a field, wasted on a full stage.
        if self.is_attached:
            super().update_node_styles(animate)

    # -- showing the text literally ------------------------------------------
    # visible() swaps one character for one character, so every index into
    # `.value` (cursor, selection) is also an index into what is drawn, and
    # each control character takes exactly one cell.

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(visible(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        if self.password:
            return super()._position_to_cell(position)
        return cell_len(visible(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        if self.password:
            return super()._cell_offset_to_index(offset)
        shown = visible(self.value)
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cells = 0
        for index, char in enumerate(shown):
            width = cell_len(char)
            if cells <= offset < cells + width:
                return index
            cells += width
        return max(0, min(offset, len(self.value)))

    # -- the statement read whole while the cursor is elsewhere -------------------

    @property
    def shows_wrapped(self) -> bool:
        """True while the field shows its whole text over several lines (not being edited)."""
        return self.wraps and not self.has_focus and bool(self.value)

    def wrapped_lines(self, width: int) -> list[Text]:
        """The text as shown when the cursor is elsewhere, cut into lines of `width` cells."""
        key = (self.value, width)
        if self._wrap_cache is None or self._wrap_cache[0] != key:
            text = Text(visible(self.value), end="")
            lines = list(text.wrap(self.app.console, max(1, width), overflow="fold"))
            self._wrap_cache = (key, lines)
        return self._wrap_cache[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.shows_wrapped:
            return len(self.wrapped_lines(width))
        return super().get_content_height(container, viewport, width)

    def render_line(self, y: int) -> Strip:
        if not self.shows_wrapped:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        lines = self.wrapped_lines(width)
        if y >= len(lines):
            return Strip.blank(self.size.width, self.rich_style)
        strip = Strip(list(lines[y].render(self.app.console, end="")))
        return strip.crop_extend(0, width + 1, None).apply_style(self.rich_style)

    def _refresh_if_wrapping(self) -> None:
        # Only a statement longer than one line changes height; the others keep theirs,
        # so moving the cursor through a big stage lays nothing out again.
        width = self.scrollable_content_region.width
        if self.wraps and self.value and width and len(self.wrapped_lines(width)) > 1:
            self.refresh(layout=True)

    def on_focus(self) -> None:
        self._refresh_if_wrapping()  # back to one editable line

    def on_blur(self) -> None:
        self._refresh_if_wrapping()  # the whole statement again

    # -- typing redraws the field, not the screen --------------------------------
    # Textual's Input asks for a layout of the whole screen on every change of its
    # value: its virtual size follows the text's width, and a field whose height is
    # auto (a statement, above) is measured again. While the field has the cursor it
    # is one line whatever its text, so that layout moves nothing, and it cost a
    # third of a key's CPU on a stage of nine key results (bench/drive_key_cost.py:
    # 44 -> 27 ms a key; goals 16 -> 11 ms). A value set while the cursor is
    # elsewhere still lays out, since a statement shown whole may change height.

    def _watch_value(self, value: str) -> None:
        self._typed_in_place = self.has_focus
        try:
            super()._watch_value(value)
        finally:
            self._typed_in_place = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._typed_in_place:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # -- refusing oversized text ---------------------------------------------

    def _on_paste(self, event: events.Paste) -> None:
        # Textual calls this, then Input's own _on_paste (handlers run down the
        # MRO), unless prevent_default() stops it: so refuse here, never re-paste.
        if event.text and self.max_length:
            line = event.text.splitlines()[0]  # Input pastes only the first line
            start, end = sorted(self.selection)
            if len(self.value) - (end - start) + len(line) > self.max_length:
                event.prevent_default()
                event.stop()
                self.notify(TOO_LONG, severity="warning")

    def restricted(self) -> None:
        if self.max_length and len(self.value) >= self.max_length:
            self.notify(TOO_LONG, severity="warning")
        super().restricted()

    def _ask(self, request: FieldInput.ListKey) -> None:
        """Ask the screen for a list change (the key pump waits for its answer)."""
        self.post_message(request)

    # -- list keys ---------------------------------------------------------------

    def action_delete_left(self) -> None:
        if self.list_item and self.value == "":
            self._ask(self.Remove(self))
            return
        super().action_delete_left()

    async def action_submit(self) -> None:
        if self.list_item:
            self._ask(self.AddSibling(self))
        else:
            self.screen.focus_next(Input)

    def action_add_child(self) -> None:
        self._ask(self.AddChild(self))

    def _field_order(self) -> list[Input]:
        return [widget for widget in self.screen.focus_chain if isinstance(widget, Input)]

    def action_focus_previous_field(self) -> None:
        # Up on the first field stays there: going round to the last one lost the room.
        fields = self._field_order()
        if fields and fields[0] is not self:
            self.screen.focus_previous(Input)

    def action_focus_next_field(self) -> None:
        # Down on the last field stays there, for the same reason.
        fields = self._field_order()
        if fields and fields[-1] is not self:
            self.screen.focus_next(Input)
