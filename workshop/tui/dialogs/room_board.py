"""The room's board on the projector: counts while the room writes, then the notes.

Before the reveal it shows numbers only ("7 suggestions from 5 people · 2 still
writing"), never a word of the notes. R reveals them all at once; the list then
shows each note (with the notes merged into it) and its dots, most first, updated
live as the room votes. Space marks a note, M merges the marked note into the
highlighted one, P takes the highlighted note into the draft (as a priority, a
wording, a key result or a question: see `RoomLink.promote`).

On key results, [ and ] change the objective the room writes for, T asks the
room the necessary-and-sufficient questions on it and W goes back to writing.
The N&S answers stay hidden until R; then each question shows its yes and no,
and a split as split. Q shows the join code and QR again, C closes the room.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from workshop.core.room.rules import KEY_RESULT, NS, OBJECTIVE, PRIORITY, QUESTION, Tallied
from workshop.core.textsafe import visible
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.room_corner import corner_text
from workshop.tui.widgets.room_link import RoomLink

# How often the board looks for news (seconds): votes arrive in bursts.
BOARD_SECONDS = 0.25
# The most notes the board lists: the ones with most dots (a projector shows fewer).
MAX_SHOWN = 40

TITLES = {
    PRIORITY: "The most important things for the next three months",
    OBJECTIVE: "Wordings of the objectives, and new ones",
    KEY_RESULT: "Key results for",
    NS: "Necessary and sufficient? The room's answers for",
    QUESTION: "Open questions",
}


def note_line(item: Tallied, marked: bool) -> Content:
    """One note for the list: dots, text, author; the merged notes under it. Literal text."""
    note = item.note
    dots = f"{item.dots:>2} " + "●" * min(item.dots, 10)
    text = visible(note.text)
    if note.start or note.target:
        text += f" (from {visible(note.start) or '?'} to {visible(note.target) or '?'})"
    lines = [f"{'▶ ' if marked else ''}{dots:<14}{text} · {visible(note.author) or 'anonymous'}"]
    if note.why:
        lines.append(f"{'':14}why: {visible(note.why)}")
    lines.extend(
        f"{'':14}+ {visible(m.text)} · {visible(m.author) or 'anonymous'}" for m in item.merged
    )
    if note.promoted_to:
        lines.append(f"{'':14}✓ in the draft")
    return Content("\n".join(lines))


@dataclass(frozen=True)
class BoardClosed:
    """How the board closed: whether the draft changed, and what the facilitator asked
    for next ("join": the join code again, "close": close the room; see dialogs.room)."""

    changed_draft: bool
    then: str = ""


class RoomBoardScreen(ModalScreen[BoardClosed]):
    """Counts, then the revealed notes and their dots."""

    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("escape,f11", "back", "Back to the stage", priority=True),
        Binding("r", "reveal", "Reveal"),
        Binding("space", "mark", "Mark"),
        Binding("m", "merge", "Merge into"),
        Binding("p", "promote", "To the draft"),
        Binding("t", "ns_test", "N&S test"),
        Binding("w", "writing", "Writing"),
        Binding("left_square_bracket", "objective(-1)", "Prev objective"),
        Binding("right_square_bracket", "objective(1)", "Next objective"),
        Binding("q", "join", "Join code"),
        Binding("c", "close_room", "Close room"),
    ]

    def __init__(self, link: RoomLink) -> None:
        super().__init__(id="room-board")
        self.link = link
        self.marked: int | None = None
        self.changed_draft = False
        self._version = -1
        self._items: list[Tallied] = []
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(id="room-board-box"):
            yield Label("", id="room-board-corner", markup=False)
            yield Label("", id="room-board-title", markup=False)
            yield Label("", id="room-board-counts", markup=False)
            yield OptionList(id="room-board-list")
            yield Label("", id="room-board-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_board()
        self.set_interval(BOARD_SECONDS, self.refresh_board)
        self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something now are in the footer (it is short at 80 columns)."""
        room = self.link.room
        kind = room.activity.kind
        if action in ("mark", "merge", "promote"):
            return room.revealed and kind != NS
        if action == "ns_test":
            return kind == KEY_RESULT
        if action == "objective":
            return kind in (KEY_RESULT, NS)
        if action == "writing":
            return kind == NS
        if action == "reveal":
            return not room.revealed
        return True

    # -- showing -------------------------------------------------------------

    def refresh_board(self, force: bool = False) -> None:
        room = self.link.room
        if room.version == self._version and not force:
            return
        self._version = room.version
        self.refresh_bindings()  # what can be done may have changed (see check_action)
        activity = room.activity
        self.query_one("#room-board-corner", Label).update(corner_text(self.link) or "Room closed")
        title = TITLES.get(activity.kind, "Nothing asked on this stage")
        if activity.target_text:
            title += f": {visible(activity.target_text)}"
        self.query_one("#room-board-title", Label).update(title)
        counts = room.counts()
        options: list[Option] = []
        items: list[Tallied] = []
        if activity.kind == NS:
            answered = f"{counts.authors} of {counts.joined} have answered"
            self.query_one("#room-board-counts", Label).update(
                answered
                + (" · revealed" if room.revealed else " · press R to reveal them together")
            )
            options = [
                Option(Content(f"{visible(tally.question)}\n    {tally.line()}"))
                for tally in room.ns_tally()
            ]
        elif not room.revealed:
            hint = " · press R to reveal" if counts.notes else ""
            self.query_one("#room-board-counts", Label).update(counts.line() + hint)
        else:
            items = room.tally()[:MAX_SHOWN]
            more = len(room.tally()) - len(items)
            self.query_one("#room-board-counts", Label).update(
                f"{counts.line()} · revealed: the room is voting"
                + (f" · the {len(items)} with most dots shown, {more} more" if more else "")
            )
            options = [Option(note_line(i, i.note.note_no == self.marked)) for i in items]
        # Rebuild the list only when what it shows changed, and in one go: votes arrive
        # in bursts, and a list of notes rebuilt for each dot held up the clock.
        shown = (
            activity.kind,
            tuple(str(o.prompt) for o in options),
        )
        if shown == self._shown and not force:
            return
        self._shown = shown
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        # The highlight stays on its note when dots reorder the list under it, so
        # P, M and Space act on the note the facilitator chose, not on its old place.
        held = self._highlighted()
        self._items = items
        listing.clear_options()
        listing.add_options(options)
        if listing.option_count:
            # The first note is highlighted from the start, so P acts on what is shown.
            index = min(highlighted or 0, listing.option_count - 1)
            if held is not None:
                index = next(
                    (i for i, item in enumerate(items) if item.note.note_no == held.note.note_no),
                    index,
                )
            listing.highlighted = index

    def say(self, message: str) -> None:
        self.query_one("#room-board-message", Label).update(message)

    def _highlighted(self) -> Tallied | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self._items):
            return None
        return self._items[index]

    # -- the facilitator's keys ------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(BoardClosed(self.changed_draft))

    def action_reveal(self) -> None:
        room = self.link.room
        if room.activity.kind not in (PRIORITY, OBJECTIVE, KEY_RESULT, QUESTION, NS):
            self.say("The room is not asked anything on this stage.")
            return
        room.reveal()
        self.say("Revealed: every page shows them now.")
        self.refresh_board(force=True)

    def action_mark(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        self.marked = None if self.marked == item.note.note_no else item.note.note_no
        self.say("Marked: highlight the note it repeats and press M." if self.marked else "")
        self.refresh_board(force=True)

    def action_merge(self) -> None:
        item = self._highlighted()
        if item is None or self.marked is None:
            self.say("Mark the duplicate with Space first, then highlight the note it repeats.")
            return
        from workshop.core.room.rules import RoomError

        try:
            self.link.room.merge(self.marked, item.note.note_no)
        except RoomError as error:
            self.say(error.message)
            return
        self.marked = None
        self.say("Merged: their dots count together.")
        self.refresh_board(force=True)

    def action_promote(self) -> None:
        item = self._highlighted()
        if item is None:
            self.say("Reveal the notes, then highlight one to take into the draft.")
            return
        message = self.link.promote(item.note.note_no)
        self.changed_draft = self.changed_draft or message.startswith("Added")
        self.say(message)
        self.refresh_board(force=True)

    def action_ns_test(self) -> None:
        if self.link.room.activity.kind != KEY_RESULT:
            self.say("The N&S test is asked on the key results stage.")
            return
        self.say(self.link.start_ns_test())
        self.refresh_board(force=True)

    def action_writing(self) -> None:
        self.link.back_to_writing()
        self.refresh_board(force=True)

    def action_objective(self, step: int) -> None:
        if self.link.room.activity.kind in (KEY_RESULT, NS):
            self.link.next_objective(step)
            self.refresh_board(force=True)

    def action_join(self) -> None:
        self.dismiss(BoardClosed(self.changed_draft, then="join"))

    def action_close_room(self) -> None:
        self.dismiss(BoardClosed(self.changed_draft, then="close"))
