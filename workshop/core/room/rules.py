"""The rules of the room, with no server and no screen in them.

A `Room` is what the projector opens: a join code, the devices that joined (each
known by a random token), and what they wrote. The web server calls the
participant side (`join`, `submit`, `finish`, `vote`, `answer`, `view_for`) and the
projector the facilitator side (`set_activity`, `reveal`, `merge`, `promote`,
`counts`, `tally`, `ns_tally`).

The rules it enforces, whoever calls it:
- the join code is random (`secrets`), 6 characters from an alphabet without
  look-alikes, and never the same as the previous one;
- a device is known only by its token; a token the room did not hand out is refused;
- per device: at most `max_note_chars` per note and a rate limit on changes; per
  address, a rate limit on wrong join codes (a code cannot be guessed by trying);
- a note stays private to its author until the facilitator reveals its round: no
  view ever holds another device's unrevealed note;
- N&S answers are private until revealed, then shown together, split as split;
- dot votes: `dots_per_person` per round, at most `max_dots_per_item` on one note;
- merging moves a duplicate's dots onto the note it joins (capped per device);
- promoting marks the note with what it became; the note stays as written.

Every change is handed to `persist` as the records that changed, for the session
to store (`workshop.core.room.rows`). Clocks are injected.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workshop.core.room.record import (
    RoomAnswer,
    RoomNote,
    RoomPerson,
    RoomRecord,
    RoomVote,
)

# No 0/O, 1/I/L: a code read off a wall must not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

# What the page is asked to do, by stage.
WAITING = "wait"
PRIORITY = "priority"
OBJECTIVE = "objective"
KEY_RESULT = "key_result"
NS = "ns"
QUESTION = "question"
WRITING_KINDS = (PRIORITY, OBJECTIVE, KEY_RESULT, QUESTION)

# What a promoted note may become, by the kind of note.
PROMOTIONS = {
    PRIORITY: ("priority",),
    OBJECTIVE: ("variation", "objective"),
    KEY_RESULT: ("key_result",),
    QUESTION: ("question",),
}

Round = tuple[str, int | None]
Persist = Callable[[Sequence[Any]], None]


class RoomError(Exception):
    """A request the room refuses, with one sentence for the participant.

    `status` is the HTTP status the web server answers with.
    """

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongCode(RoomError):
    status = 403


class NotJoined(RoomError):
    status = 401


class TooFast(RoomError):
    status = 429


class NotAllowed(RoomError):
    status = 409


@dataclass(frozen=True)
class RoomSettings:
    dots_per_person: int = 5
    max_dots_per_item: int = 3
    allow_anonymous: bool = True
    max_note_chars: int = 1000
    max_name_chars: int = 40
    # Changes per device: a burst of `burst`, then `per_second` on average.
    burst: int = 20
    per_second: float = 2.0
    # Join attempts per address: a burst, then this many a second.
    join_burst: int = 10
    # Devices one room takes (a bound on what a flood of joins can hold in memory).
    max_devices: int = 300
    join_per_second: float = 0.2

    def __post_init__(self) -> None:
        if self.dots_per_person < 1 or self.max_dots_per_item < 1:
            raise ValueError("Each person needs at least one dot, and a note room for one.")
        if self.max_dots_per_item > self.dots_per_person:
            raise ValueError("The most dots on one note cannot exceed the dots each person has.")


@dataclass(frozen=True)
class Activity:
    """What the page asks for now: it follows the projector's stage."""

    kind: str = WAITING
    # The objective a key result, an N&S question or a wording is about.
    target_id: int | None = None
    target_text: str = ""
    # Objectives stage: the draft objectives a wording may vary, as (id, text).
    options: tuple[tuple[int, str], ...] = ()
    # N&S: the questions, in order (the last asks whether the set is sufficient).
    questions: tuple[str, ...] = ()

    @property
    def round(self) -> Round:
        """Notes, votes and the reveal belong to a round: one per activity and objective."""
        keyed = self.kind in (KEY_RESULT, NS)
        return (self.kind, self.target_id if keyed else None)


@dataclass
class _Bucket:
    """A token bucket: `take()` is False when the caller went over its rate."""

    burst: int
    per_second: float
    tokens: float
    last: float

    def take(self, now: float) -> bool:
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.per_second)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class Device:
    no: int
    name: str
    joined_at: dt.datetime
    bucket: _Bucket


@dataclass(frozen=True)
class Counts:
    """What the projector may show before a reveal: numbers, never texts."""

    joined: int
    notes: int
    authors: int
    finished: int

    @property
    def still_writing(self) -> int:
        return max(0, self.joined - self.finished)

    def line(self) -> str:
        notes = f"{self.notes} suggestion{'s' if self.notes != 1 else ''}"
        people = f"{self.authors} {'person' if self.authors == 1 else 'people'}"
        return f"{notes} from {people} · {self.still_writing} still writing"


@dataclass(frozen=True)
class Tallied:
    """One revealed note, with its group's dots (its own and the merged notes')."""

    note: RoomNote
    dots: int
    merged: tuple[RoomNote, ...] = ()


@dataclass(frozen=True)
class NSQuestionTally:
    question: str
    yes: int
    no: int

    @property
    def split(self) -> bool:
        return self.yes > 0 and self.no > 0

    def line(self) -> str:
        if self.yes == self.no == 0:
            return "no answers"
        verdict = "split" if self.split else ("all yes" if self.no == 0 else "all no")
        return f"{self.yes} yes · {self.no} no ({verdict})"


def new_code(previous: str = "") -> str:
    """A fresh join code: random, never the previous one."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code != previous:
            return code


def normal_code(typed: str) -> str:
    """What a participant typed, as a code: case and spaces and dashes do not matter."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


class Room:
    """One workshop's room: devices, notes, votes and answers, and their rules."""

    def __init__(
        self,
        settings: RoomSettings | None = None,
        *,
        record: RoomRecord | None = None,
        persist: Persist | None = None,
        wall: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or RoomSettings()
        self.code = new_code()
        self.activity = Activity()
        self._persist = persist
        self._wall = wall
        self._monotonic = monotonic
        self._devices: dict[str, Device] = {}
        self._join_buckets: dict[str, _Bucket] = {}
        self._notes: dict[int, RoomNote] = {}
        self._votes: dict[tuple[int, int], RoomVote] = {}
        self._answers: dict[tuple[int, int, int], RoomAnswer] = {}
        self._note_round: dict[int, Round] = {}
        self._revealed: set[Round] = set()
        self._finished: dict[Round, set[int]] = {}
        self._people: dict[int, RoomPerson] = {}
        # Bumped on every change, for pages waiting for news.
        self.version = 0
        self._tally_cache: tuple[int, list[Tallied]] | None = None
        self._board_cache: tuple[int, list[dict[str, Any]]] | None = None
        self.listeners: list[Callable[[], None]] = []
        if record is not None:
            self._restore(record)
        self._next_device = max(self._people, default=0) + 1
        self._next_note = max(self._notes, default=0) + 1

    # -- opening -------------------------------------------------------------

    def new_code(self) -> str:
        """A new join code (each opening of the room gets one); the old one stops working."""
        self.code = new_code(self.code)
        self._changed()
        return self.code

    @property
    def joined(self) -> int:
        return len(self._devices)

    # -- the participant's side -----------------------------------------------------

    def join(self, code: str, name: str = "", *, address: str = "") -> str:
        """A device joins with the code; returns its token."""
        bucket = self._join_buckets.get(address)
        now = self._monotonic()
        if bucket is None:
            bucket = _Bucket(
                self.settings.join_burst, self.settings.join_per_second,
                self.settings.join_burst, now,
            )  # fmt: skip
            self._join_buckets[address] = bucket
        # Only wrong codes spend the address's tries: a room behind one Wi-Fi address
        # joins freely, while guessing the code from anywhere is slowed to a crawl.
        if bucket.tokens < 1 and not bucket.take(now):
            raise TooFast("Too many tries from this device. Wait a minute, then try again.")
        if not secrets.compare_digest(normal_code(code), self.code):
            bucket.take(now)
            raise WrongCode("That code is not the one on the projector. Check it and try again.")
        if len(self._devices) >= self.settings.max_devices:
            raise NotAllowed("The room is full. Ask the facilitator.")
        name = " ".join(name.split())
        if len(name) > self.settings.max_name_chars:
            raise RoomError(
                f"Please keep your name under {self.settings.max_name_chars} characters."
            )
        if not name and not self.settings.allow_anonymous:
            raise RoomError("Please write your name: this room does not take anonymous notes.")
        token = secrets.token_urlsafe(24)
        person = RoomPerson(device_no=self._next_device, name=name, joined_at=self._wall())
        self._next_device += 1
        self._people[person.device_no] = person
        self._devices[token] = Device(
            person.device_no,
            name,
            person.joined_at,
            _Bucket(self.settings.burst, self.settings.per_second, self.settings.burst, now),
        )
        self._save(person)
        return token

    def device(self, token: str) -> Device:
        device = self._devices.get(token)
        if device is None:
            raise NotJoined("This device has not joined the room. Type the code again.")
        return device

    def submit(
        self, token: str, text: str, *, why: str = "", start: str = "", target: str = "",
        target_id: int | None = None,
    ) -> RoomNote:  # fmt: skip
        """A suggestion for the current activity, private until its round is revealed."""
        device = self._acting(token)
        activity = self.activity
        if activity.kind not in WRITING_KINDS:
            raise NotAllowed("The room is not collecting suggestions right now.")
        if activity.round in self._revealed:
            raise NotAllowed("The suggestions have been revealed; this round is closed.")
        text = text.strip()
        if not text:
            raise RoomError("Write something first.")
        limit = self.settings.max_note_chars
        for part in (text, why, start, target):
            if len(part) > limit:
                raise RoomError(f"Please keep each part under {limit:,} characters.")
        if activity.kind == KEY_RESULT:
            target_id = activity.target_id
        elif activity.kind == OBJECTIVE:
            if target_id is not None and target_id not in dict(activity.options):
                raise RoomError("That objective is no longer on the projector.")
        else:
            target_id = None
        note = RoomNote(
            note_no=self._next_note,
            device_no=device.no,
            author=device.name,
            kind=activity.kind,
            target_id=target_id,
            text=text,
            why=why.strip() if activity.kind == PRIORITY else "",
            start=start.strip() if activity.kind == KEY_RESULT else "",
            target=target.strip() if activity.kind == KEY_RESULT else "",
            created_at=self._wall(),
        )
        self._next_note += 1
        self._notes[note.note_no] = note
        self._note_round[note.note_no] = activity.round
        self._save(note)
        return note

    def finish(self, token: str, finished: bool = True) -> None:
        """The device says it has finished writing (or is writing again)."""
        device = self._acting(token)
        done = self._finished.setdefault(self.activity.round, set())
        if finished:
            done.add(device.no)
        else:
            done.discard(device.no)
        self._changed()

    def vote(self, token: str, note_no: int, delta: int) -> int:
        """Add (+1) or take back (-1) a dot on a revealed note; its dots from this device."""
        device = self._acting(token)
        if delta not in (1, -1):
            raise RoomError("One dot at a time.")
        note = self._notes.get(note_no)
        if note is None or self._note_round.get(note_no) != self.activity.round:
            raise NotAllowed("That suggestion is not on the board now.")
        if not self._is_revealed(note_no):
            raise NotAllowed("Voting starts once the suggestions are revealed.")
        note = self._lead(note)
        key = (note.note_no, device.no)
        mine = self._votes[key].dots if key in self._votes else 0
        if delta > 0:
            if mine >= self.settings.max_dots_per_item:
                raise NotAllowed(
                    f"At most {self.settings.max_dots_per_item} dots on one suggestion."
                )
            if self.dots_left(device.no) <= 0:
                raise NotAllowed("You have used all your dots. Take one back to move it.")
        elif mine == 0:
            raise NotAllowed("You have no dot on that suggestion.")
        vote = RoomVote(
            note_no=note.note_no, device_no=device.no, dots=mine + delta, voted_at=self._wall()
        )
        self._votes[key] = vote
        self._save(vote)
        return vote.dots

    def answer(self, token: str, question: int, yes: bool) -> None:
        """A private yes or no to one N&S question (may be changed until the reveal)."""
        device = self._acting(token)
        activity = self.activity
        if activity.kind != NS or activity.target_id is None:
            raise NotAllowed("No necessary-and-sufficient test is running now.")
        if activity.round in self._revealed:
            raise NotAllowed("The answers have been revealed; this test is closed.")
        if not 0 <= question < len(activity.questions):
            raise RoomError("There is no such question.")
        record = RoomAnswer(
            objective_id=activity.target_id,
            question=question,
            device_no=device.no,
            answer=bool(yes),
            answered_at=self._wall(),
        )
        self._answers[(activity.target_id, question, device.no)] = record
        self._save(record)

    def view_for(self, token: str) -> dict[str, Any]:
        """Everything one page may see now, as JSON-ready data.

        Its own notes of this round; other devices' notes only once revealed.
        """
        device = self.device(token)
        activity = self.activity
        rnd = activity.round
        revealed = rnd in self._revealed
        mine = [
            n
            for no, n in self._notes.items()
            if n.device_no == device.no and self._note_round[no] == rnd
        ]
        view: dict[str, Any] = {
            "version": self.version,
            "you": device.name,
            "activity": {
                "kind": activity.kind,
                "target_id": activity.target_id,
                "target_text": activity.target_text,
                "options": [{"id": i, "text": t} for i, t in activity.options],
                "questions": list(activity.questions),
            },
            "revealed": revealed,
            "finished": device.no in self._finished.get(rnd, set()),
            "mine": [_note_json(n) for n in mine],
            "board": [],
            "dots_left": self.dots_left(device.no),
            "dots_per_person": self.settings.dots_per_person,
            "max_dots_per_item": self.settings.max_dots_per_item,
            "max_note_chars": self.settings.max_note_chars,
        }
        if revealed and activity.kind in WRITING_KINDS:
            view["board"] = [
                {**shared, "my_dots": self._dots(shared["no"], device.no)}
                for shared in self._board()
            ]
        if activity.kind == NS and activity.target_id is not None:
            view["answers"] = {
                str(q): a.answer
                for (oid, q, no), a in self._answers.items()
                if oid == activity.target_id and no == device.no
            }
            if revealed:
                view["ns_tally"] = [
                    {"question": t.question, "yes": t.yes, "no": t.no, "split": t.split}
                    for t in self.ns_tally()
                ]
        return view

    # -- the projector's side --------------------------------------------------------------

    def set_activity(self, activity: Activity) -> None:
        if activity != self.activity:
            self.activity = activity
            self._changed()

    @property
    def revealed(self) -> bool:
        return self.activity.round in self._revealed

    def counts(self) -> Counts:
        rnd = self.activity.round
        if self.activity.kind == NS:
            answers = [a for a in self._answers.values() if a.objective_id == rnd[1]]
            authors = {a.device_no for a in answers}
            finished = {
                no for no in authors
                if sum(1 for a in answers if a.device_no == no) >= len(self.activity.questions)
            }  # fmt: skip
            return Counts(self.joined, len(answers), len(authors), len(finished))
        notes = [n for no, n in self._notes.items() if self._note_round[no] == rnd]
        finished = self._finished.get(rnd, set()) & {d.no for d in self._devices.values()}
        return Counts(self.joined, len(notes), len({n.device_no for n in notes}), len(finished))

    def reveal(self) -> None:
        """Show this round's notes (or N&S answers) to everyone, all at once."""
        rnd = self.activity.round
        if rnd in self._revealed:
            return
        self._revealed.add(rnd)
        now = self._wall()
        changed: list[Any] = []
        for no, note in self._notes.items():
            if self._note_round[no] == rnd and note.revealed_at is None:
                self._notes[no] = note.model_copy(update={"revealed_at": now})
                changed.append(self._notes[no])
        if self.activity.kind == NS:
            for key, answer in self._answers.items():
                if answer.objective_id == rnd[1] and not answer.revealed:
                    self._answers[key] = answer.model_copy(update={"revealed": True})
                    changed.append(self._answers[key])
        self._save(*changed)

    def tally(self) -> list[Tallied]:
        """This round's revealed notes, one per group, most dots first (then oldest).

        Worked out once per change of the room (every page asks for it after each one).
        """
        if not self.revealed:
            return []
        cached = self._tally_cache
        if cached is not None and cached[0] == self.version:
            return cached[1]
        rnd = self.activity.round
        notes = [n for no, n in self._notes.items() if self._note_round[no] == rnd]
        merged: dict[int, list[RoomNote]] = {}
        for note in notes:
            if note.merged_into is not None:
                merged.setdefault(note.merged_into, []).append(note)
        dots: dict[int, int] = {}
        for (no, _device), vote in self._votes.items():
            dots[no] = dots.get(no, 0) + vote.dots
        result = [
            Tallied(n, dots.get(n.note_no, 0), tuple(merged.get(n.note_no, ())))
            for n in notes
            if n.merged_into is None
        ]
        result.sort(key=lambda t: (-t.dots, t.note.note_no))
        self._tally_cache = (self.version, result)
        return result

    def _board(self) -> list[dict[str, Any]]:
        """The revealed notes as every page gets them (built once per change of the room)."""
        cached = self._board_cache
        if cached is not None and cached[0] == self.version:
            return cached[1]
        board = [
            {**_note_json(t.note), "dots": t.dots, "merged": [_note_json(m) for m in t.merged]}
            for t in self.tally()
        ]
        self._board_cache = (self.version, board)
        return board

    def ns_tally(self) -> list[NSQuestionTally]:
        """Yes and no per question, once revealed (empty before)."""
        if self.activity.kind != NS or not self.revealed:
            return []
        oid = self.activity.target_id
        out = []
        for i, question in enumerate(self.activity.questions):
            given = [a.answer for (o, q, _d), a in self._answers.items() if o == oid and q == i]
            out.append(NSQuestionTally(question, given.count(True), given.count(False)))
        return out

    def merge(self, note_no: int, into_no: int) -> RoomNote:
        """Merge a duplicate into another revealed note of this round; return the group's lead.

        The duplicate's dots move to the lead, capped per device at the most one
        note may take (the rest go back to the voter).
        """
        note, into = self._notes.get(note_no), self._notes.get(into_no)
        rnd = self.activity.round
        if (
            note is None
            or into is None
            or {self._note_round[note_no], self._note_round[into_no]} != {rnd}
        ):
            raise NotAllowed("Both suggestions must be on the board now.")
        if not self.revealed:
            raise NotAllowed("Merge after the reveal.")
        lead = self._lead(into)
        if note.merged_into is not None or note.note_no == lead.note_no:
            raise NotAllowed("That suggestion is already part of this group.")
        changed: list[Any] = []
        # Notes merged into `note` follow it.
        for no, other in self._notes.items():
            if other.merged_into == note.note_no:
                self._notes[no] = other.model_copy(update={"merged_into": lead.note_no})
                changed.append(self._notes[no])
        self._notes[note_no] = note.model_copy(update={"merged_into": lead.note_no})
        changed.append(self._notes[note_no])
        now = self._wall()
        for (no, device_no), vote in list(self._votes.items()):
            if no != note_no or vote.dots == 0:
                continue
            kept = self._dots(lead.note_no, device_no)
            moved = min(vote.dots, self.settings.max_dots_per_item - kept)
            self._votes[(no, device_no)] = vote.model_copy(update={"dots": 0, "voted_at": now})
            changed.append(self._votes[(no, device_no)])
            if moved > 0:
                joined = RoomVote(
                    note_no=lead.note_no, device_no=device_no, dots=kept + moved, voted_at=now
                )
                self._votes[(lead.note_no, device_no)] = joined
                changed.append(joined)
        self._save(*changed)
        return lead

    def promote(self, note_no: int, as_what: str) -> RoomNote:
        """Mark a revealed note as taken into the draft as `as_what`; the note stays as written.

        The caller adds it to the draft (through the session) first.
        """
        note = self._notes.get(note_no)
        if note is None or not self._is_revealed(note_no):
            raise NotAllowed("Only a revealed suggestion can be taken into the draft.")
        if as_what not in PROMOTIONS.get(note.kind, ()):
            raise NotAllowed(f"A {note.kind.replace('_', ' ')} cannot become a {as_what}.")
        note = note.model_copy(update={"promoted_to": as_what, "promoted_at": self._wall()})
        self._notes[note_no] = note
        self._save(note)
        return note

    def stop_storing(self) -> None:
        """Store nothing more (the session is closing); the room is refused from now on."""
        self._persist = None
        self._devices.clear()

    def note(self, note_no: int) -> RoomNote:
        return self._notes[note_no]

    def record(self) -> RoomRecord:
        """Everything so far (for the exports and tests)."""
        return RoomRecord(
            people=sorted(self._people.values(), key=lambda p: p.device_no),
            notes=sorted(self._notes.values(), key=lambda n: n.note_no),
            votes=sorted(self._votes.values(), key=lambda v: (v.note_no, v.device_no)),
            answers=sorted(
                self._answers.values(), key=lambda a: (a.objective_id, a.question, a.device_no)
            ),
        )

    # -- helpers ---------------------------------------------------------------------------

    def dots_left(self, device_no: int) -> int:
        rnd = self.activity.round
        used = sum(
            v.dots
            for (no, d), v in self._votes.items()
            if d == device_no and self._note_round.get(no) == rnd
        )
        return self.settings.dots_per_person - used

    def _dots(self, note_no: int, device_no: int) -> int:
        vote = self._votes.get((note_no, device_no))
        return vote.dots if vote else 0

    def _lead(self, note: RoomNote) -> RoomNote:
        return self._notes[note.merged_into] if note.merged_into is not None else note

    def _is_revealed(self, note_no: int) -> bool:
        return self._note_round.get(note_no) in self._revealed

    def _acting(self, token: str) -> Device:
        device = self.device(token)
        if not device.bucket.take(self._monotonic()):
            raise TooFast("Slow down a little: too many changes from this device.")
        return device

    def _save(self, *records: Any) -> None:
        if records and self._persist is not None:
            self._persist(records)
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        for listener in list(self.listeners):
            listener()

    def _restore(self, record: RoomRecord) -> None:
        """Take back what an earlier opening of the room stored (devices must join again)."""
        self._people = {p.device_no: p for p in record.people}
        for note in record.notes:
            self._notes[note.note_no] = note
            kind = note.kind
            rnd: Round = (kind, note.target_id if kind == KEY_RESULT else None)
            self._note_round[note.note_no] = rnd
            if note.revealed_at is not None:
                self._revealed.add(rnd)
        self._votes = {(v.note_no, v.device_no): v for v in record.votes}
        for answer in record.answers:
            self._answers[(answer.objective_id, answer.question, answer.device_no)] = answer
            if answer.revealed:
                self._revealed.add((NS, answer.objective_id))


def _note_json(note: RoomNote) -> dict[str, Any]:
    return {
        "no": note.note_no,
        "author": note.author,
        "kind": note.kind,
        "target_id": note.target_id,
        "text": note.text,
        "why": note.why,
        "start": note.start,
        "target": note.target,
        "promoted_to": note.promoted_to,
    }
