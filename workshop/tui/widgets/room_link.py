"""The app's link to the room: the `Room`, its server, and what the projector does with them.

One per open workshop, kept on the app (`app.room_link`). It opens and closes the
server on the app's event loop, keeps the page following the projector's stage,
and promotes a note into the draft through the session (the one write path).
Every change the room makes is stored through `WorkshopSession.save_room`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from workshop.core.db.store import Item
from workshop.core.room.activity import STAGE_ACTIVITIES, activity_for, ns_activity
from workshop.core.room.rules import (
    KEY_RESULT,
    NS,
    OBJECTIVE,
    PRIORITY,
    QUESTION,
    Activity,
    Room,
    RoomError,
    RoomSettings,
)
from workshop.web.server import DEFAULT_PORT, RoomServer

if TYPE_CHECKING:
    from workshop.core.session.session import WorkshopSession

# How often the page's question re-reads the draft while the room is open (seconds):
# objectives typed, reworded or promoted on the projector reach the page's list.
DRAFT_SECONDS = 1.0

# What a promotion becomes in the draft, by the kind of note (see `promote`).
PROMOTED_AS = {
    PRIORITY: "priority",
    KEY_RESULT: "key_result",
    QUESTION: "question",
}


class RoomLink:
    """The room of the workshop `session` runs."""

    def __init__(
        self,
        session: WorkshopSession,
        *,
        settings: RoomSettings | None = None,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        public_host: str | None = None,
    ) -> None:
        self.session = session
        self.room = Room(settings, record=session.room_record(), persist=self._persist)
        self.server: RoomServer | None = None
        self._host, self._port, self._public_host = host, port, public_host
        self._stage_key = ""
        self._objective_id: int | None = None
        self._follow_draft: asyncio.Task[None] | None = None
        # Told after every change (the corner and the board repaint).
        self.watchers: list[Callable[[], None]] = []
        self.room.listeners.append(self._tell)

    # -- opening and closing -------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.server is not None and self.server.listening

    async def open(self) -> None:
        """Listen on the local network with a fresh join code."""
        if self.is_open:
            return
        self.room.new_code()
        server = RoomServer(
            self.room, host=self._host, port=self._port, public_host=self._public_host
        )
        await server.start()
        self.server = server
        self._follow_draft = asyncio.get_running_loop().create_task(self._keep_up_with_draft())

    async def close(self) -> None:
        """Stop listening: pages get no answer until the room opens again."""
        self._stop_following_draft()
        server, self.server = self.server, None
        if server is not None:
            await server.stop()
        self._tell()

    @property
    def address(self) -> str:
        return self.server.address if self.server is not None else ""

    # -- following the projector -------------------------------------------------

    def follow(self, stage_key: str, objective_id: int | None = None) -> None:
        """The projector shows `stage_key` (on key results, `objective_id`): the page follows."""
        self._stage_key = stage_key
        if objective_id is not None:
            self._objective_id = objective_id
        self.room.set_activity(activity_for(stage_key, self.session.load(), self._objective_id))

    def refresh_from_draft(self) -> None:
        """Re-read the draft under the question the page asks now, keeping the objective in hand.

        On objectives the page lists the draft's objectives to reword, and on key
        results it shows the objective's words: both change as the facilitator types
        or promotes. Notes, votes and the reveal stay (they belong to the round, not
        to these words). An N&S test keeps the questions it was asked with.
        """
        asks = STAGE_ACTIVITIES.get(self._stage_key)
        if asks not in (OBJECTIVE, KEY_RESULT) or self.room.activity.kind == NS:
            return
        target = self.room.activity.target_id
        self.room.set_activity(activity_for(self._stage_key, self.session.load(), target))

    async def _keep_up_with_draft(self) -> None:
        while True:
            await asyncio.sleep(DRAFT_SECONDS)
            if self.is_open:
                self.refresh_from_draft()  # a no-op unless the words changed

    def _stop_following_draft(self) -> None:
        task, self._follow_draft = self._follow_draft, None
        if task is not None:
            task.cancel()

    def next_objective(self, step: int) -> None:
        """Key results: write for the next (or previous) objective."""
        ids = [o.id for o in self.session.load().objectives if o.id is not None]
        if not ids:
            return
        current = self.room.activity.target_id
        index = ids.index(current) if current in ids else 0
        self._objective_id = ids[(index + step) % len(ids)]
        self.follow(self._stage_key)

    def start_ns_test(self) -> str:
        """Ask the room the N&S questions on the objective in hand; what to tell the room."""
        activity = ns_activity(self.session.load(), self.room.activity.target_id)
        if activity is None:
            return "Write this objective's key results first, then ask the room."
        self.room.set_activity(activity)
        return "The room is answering the necessary-and-sufficient questions."

    def back_to_writing(self) -> None:
        self.follow(self._stage_key)

    # -- the facilitator's actions ----------------------------------------------------

    def promote(self, note_no: int) -> str:
        """Take a revealed note into the draft, as what its kind suggests; say what happened.

        A priority (with its why), an objective's new wording (or a new objective),
        a key result with its from and to, or an open question. Stored through the
        session like typed text; the note stays as written, marked as promoted.
        """
        note = self.room.note(note_no)
        if note.promoted_to:
            return "That suggestion is already in the draft."
        session, wid = self.session, self.session.workshop_id
        objectives = {o.id for o in session.load().objectives}
        if note.kind == OBJECTIVE:
            as_what = "variation" if note.target_id in objectives else "objective"
        else:
            as_what = PROMOTED_AS[note.kind]
        if note.kind == KEY_RESULT and note.target_id not in objectives:
            return "Its objective is gone from the draft, so it cannot be added there."
        try:
            self.room.promote(note_no, as_what)  # refuses a note not yet revealed
        except RoomError as error:
            return error.message
        workshop = session.load()
        if as_what == "priority":
            empty = next((p.id for p in workshop.priorities if not p.text.strip()), None)
            new_id = self._fill_or_add(Item.PRIORITY, wid, empty, text=note.text)
            if new_id is not None and note.why:
                session.add(Item.WHY, new_id, text=note.why)
            where = "as a priority"
        elif as_what == "variation":
            assert note.target_id is not None
            session.add(Item.VARIATION, note.target_id, text=note.text)
            where = "as a new wording of its objective"
        elif as_what == "objective":
            empty = next((o.id for o in workshop.objectives if not o.text.strip()), None)
            self._fill_or_add(Item.OBJECTIVE, wid, empty, text=note.text)
            where = "as a new objective"
        elif as_what == "key_result":
            assert note.target_id is not None
            objective = next(o for o in workshop.objectives if o.id == note.target_id)
            empty = next((k.id for k in objective.key_results if not k.text.strip()), None)
            fields = {"text": note.text, "start": note.start, "target": note.target}
            self._fill_or_add(Item.KEY_RESULT, note.target_id, empty, **fields)
            where = "as a key result"
        else:
            questions = [w for w in workshop.wrap_items if w.kind.value == "question"]
            empty = next((q.id for q in questions if not q.text.strip()), None)
            self._fill_or_add(Item.WRAP_ITEM, wid, empty, kind="question", text=note.text)
            where = "as an open question"
        return f"Added to the draft {where}."

    def _fill_or_add(
        self, item: Item, parent_id: int, empty_id: int | None, **fields: Any
    ) -> int | None:
        """Write into the stage's empty line of that kind if there is one, else add a line.

        Through the session either way: typed-text edits, or an add.
        """
        if empty_id is None:
            return self.session.add(item, parent_id, **fields)
        fields.pop("kind", None)
        self.session.edit(item.value, empty_id, **fields)
        self.session.flush()
        return empty_id

    @property
    def activity(self) -> Activity:
        return self.room.activity

    @property
    def asking_ns(self) -> bool:
        return self.room.activity.kind == NS

    # -- storing and telling -----------------------------------------------------------

    def _persist(self, records: object) -> None:
        self.session.save_room(records)  # type: ignore[arg-type]

    def _tell(self) -> None:
        for watcher in list(self.watchers):
            watcher()

    def shut_now(self) -> None:
        """The app is ending: stop listening at once (no await left) and store nothing more."""
        self._stop_following_draft()
        if self.server is not None:
            self.server.stop_now()
        self.room.listeners.clear()
        self.room.stop_storing()  # the session is closing
