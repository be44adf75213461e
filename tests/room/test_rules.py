"""The rules of the room, without a server or a screen."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core.room.rules import (
    CODE_ALPHABET,
    KEY_RESULT,
    NS,
    OBJECTIVE,
    PRIORITY,
    Activity,
    NotAllowed,
    NotJoined,
    Room,
    RoomError,
    RoomSettings,
    TooFast,
    WrongCode,
    new_code,
)


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def make_room(**settings) -> tuple[Room, list]:
    saved: list = []
    room = Room(
        RoomSettings(**settings),
        persist=saved.extend,
        wall=lambda: dt.datetime(2027, 1, 5, 10, 0, tzinfo=dt.UTC),
        monotonic=Clock(),
    )
    room.set_activity(Activity(PRIORITY))
    return room, saved


def test_join_codes_are_random_long_enough_and_never_repeat():
    codes = [new_code() for _ in range(200)]
    assert all(len(c) >= 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(set(codes)) == len(codes)
    room, _ = make_room()
    first = room.code
    assert room.new_code() != first


def test_a_wrong_code_is_refused_with_a_clear_message_and_the_right_one_works():
    room, _ = make_room()
    with pytest.raises(WrongCode, match="not the one on the projector"):
        room.join("AAAAAA", "Ana")
    token = room.join(room.code.lower()[:3] + " " + room.code.lower()[3:], "Ana")
    assert room.device(token).name == "Ana"
    with pytest.raises(NotJoined):
        room.device("made-up-token")


def test_guessing_the_code_is_rate_limited_per_address():
    room, _ = make_room(join_burst=3)
    for _ in range(3):
        with pytest.raises(WrongCode):
            room.join("AAAAAA", address="10.0.0.9")
    with pytest.raises(TooFast):
        room.join(room.code, address="10.0.0.9")
    assert room.join(room.code, address="10.0.0.10")  # another device is not held back


def test_anonymous_joining_only_when_allowed():
    room, _ = make_room(allow_anonymous=False)
    with pytest.raises(RoomError, match="name"):
        room.join(room.code, "   ")
    room2, _ = make_room()
    assert room2.device(room2.join(room2.code, "")).name == ""


def test_notes_stay_private_until_revealed_then_everyone_sees_them():
    room, saved = make_room()
    ana, ben = room.join(room.code, "Ana"), room.join(room.code, "Ben")
    room.submit(ana, "Grow repeat customers", why="they cost less to keep")
    room.submit(ben, "<b>Ship</b> the app")
    ana_view = room.view_for(ana)
    assert [n["text"] for n in ana_view["mine"]] == ["Grow repeat customers"]
    assert ana_view["board"] == []
    assert "Ship" not in str(ana_view)  # nothing of Ben's reaches Ana's page
    assert room.counts().line() == "2 suggestions from 2 people · 2 still writing"
    room.finish(ana)
    assert room.counts().line() == "2 suggestions from 2 people · 1 still writing"
    room.reveal()
    board = [n["text"] for n in room.view_for(ana)["board"]]
    assert sorted(board) == ["<b>Ship</b> the app", "Grow repeat customers"]
    with pytest.raises(NotAllowed):
        room.submit(ben, "too late")
    # Every note was handed on for storage, with author and time.
    notes = [r for r in saved if type(r).__name__ == "RoomNote"]
    assert {n.author for n in notes} == {"Ana", "Ben"}
    assert all(n.created_at.year == 2027 for n in notes)


def test_limits_on_length_and_rate_per_device():
    room, _ = make_room(burst=3, per_second=0.0)
    ana = room.join(room.code, "Ana")
    with pytest.raises(RoomError, match="1,000"):
        room.submit(ana, "x" * 1001)
    room.submit(ana, "x" * 1000)
    room.submit(ana, "fine")
    with pytest.raises(TooFast):
        room.submit(ana, "one more")
    ben = room.join(room.code, "Ben")
    room.submit(ben, "Ben is not slowed by Ana")


def test_dot_votes_budget_and_cap_per_item():
    room, _ = make_room()
    ana = room.join(room.code, "Ana")
    a = room.submit(ana, "one").note_no
    b = room.submit(ana, "two").note_no
    c = room.submit(ana, "three").note_no
    with pytest.raises(NotAllowed, match="revealed"):
        room.vote(ana, a, 1)
    room.reveal()
    for _ in range(3):
        room.vote(ana, a, 1)
    with pytest.raises(NotAllowed, match="At most 3"):
        room.vote(ana, a, 1)
    room.vote(ana, b, 1)
    room.vote(ana, b, 1)
    with pytest.raises(NotAllowed, match="all your dots"):
        room.vote(ana, c, 1)
    room.vote(ana, a, -1)
    room.vote(ana, c, 1)
    assert [(t.note.text, t.dots) for t in room.tally()] == [("one", 2), ("two", 2), ("three", 1)]
    assert room.dots_left(room.device(ana).no) == 0


def test_dot_settings_are_configurable_and_checked():
    room, _ = make_room(dots_per_person=2, max_dots_per_item=1)
    ana = room.join(room.code, "Ana")
    n = room.submit(ana, "one").note_no
    room.reveal()
    room.vote(ana, n, 1)
    with pytest.raises(NotAllowed, match="At most 1"):
        room.vote(ana, n, 1)
    with pytest.raises(ValueError):
        RoomSettings(dots_per_person=2, max_dots_per_item=3)


def test_merging_moves_dots_to_the_group_capped_per_device():
    room, _ = make_room()
    ana, ben = room.join(room.code, "Ana"), room.join(room.code, "Ben")
    a = room.submit(ana, "Faster support").note_no
    b = room.submit(ben, "Quicker support replies").note_no
    room.reveal()
    room.vote(ana, a, 1)
    room.vote(ana, a, 1)
    room.vote(ana, b, 1)
    room.vote(ana, b, 1)
    room.vote(ben, b, 1)
    lead = room.merge(b, a)
    assert lead.note_no == a
    [group] = room.tally()
    assert group.note.text == "Faster support" and [m.text for m in group.merged] == [
        "Quicker support replies"
    ]
    assert group.dots == 4  # Ana 3 (capped; one dot goes back), Ben 1
    assert room.dots_left(room.device(ana).no) == 2
    with pytest.raises(NotAllowed):
        room.merge(b, a)


def test_promoting_keeps_the_note_as_written():
    room, saved = make_room()
    ana = room.join(room.code, "Ana")
    n = room.submit(ana, "Keep customers").note_no
    with pytest.raises(NotAllowed):
        room.promote(n, "priority")
    room.reveal()
    with pytest.raises(NotAllowed):
        room.promote(n, "key_result")
    note = room.promote(n, "priority")
    assert (note.text, note.author, note.promoted_to) == ("Keep customers", "Ana", "priority")
    assert saved[-1].promoted_to == "priority"


def test_rounds_follow_the_activity_key_results_per_objective():
    room, _ = make_room()
    ana = room.join(room.code, "Ana")
    room.set_activity(Activity(KEY_RESULT, target_id=7, target_text="Delight users"))
    note = room.submit(ana, "Raise NPS", start="30", target="45", target_id=99)
    assert (note.target_id, note.start, note.target) == (7, "30", "45")
    room.reveal()
    room.set_activity(Activity(KEY_RESULT, target_id=8))
    assert not room.revealed and room.view_for(ana)["mine"] == []
    room.submit(ana, "for objective 8")
    room.set_activity(Activity(OBJECTIVE, options=((7, "Delight users"),)))
    with pytest.raises(RoomError):
        room.submit(ana, "a wording", target_id=12345)
    assert room.submit(ana, "Truly delight users", target_id=7).target_id == 7


def test_ns_answers_are_private_then_revealed_together_and_splits_show():
    room, _ = make_room()
    people = [room.join(room.code, n) for n in ("Ana", "Ben", "Cy")]
    questions = ("Is 'NPS 30 to 45' necessary?", "Are they sufficient together?")
    room.set_activity(Activity(NS, target_id=7, questions=questions))
    room.answer(people[0], 0, True)
    room.answer(people[1], 0, False)
    room.answer(people[2], 0, True)
    for p in people:
        room.answer(p, 1, True)
    assert "ns_tally" not in room.view_for(people[0])
    assert room.view_for(people[1])["answers"] == {"0": False, "1": True}
    assert room.ns_tally() == []
    assert room.counts().still_writing == 0
    room.reveal()
    first, second = room.ns_tally()
    assert (first.yes, first.no, first.split) == (2, 1, True)
    assert first.line() == "2 yes · 1 no (split)"
    assert second.line() == "3 yes · 0 no (all yes)"
    with pytest.raises(NotAllowed):
        room.answer(people[0], 0, False)


def test_a_room_restored_from_its_record_carries_on():
    room, _ = make_room()
    ana = room.join(room.code, "Ana")
    room.submit(ana, "one")
    room.reveal()
    again = Room(record=room.record())
    again.set_activity(Activity(PRIORITY))
    assert again.revealed and [t.note.text for t in again.tally()] == ["one"]
    ben = again.join(again.code, "Ben")
    assert again.device(ben).no == 2


def test_a_whole_room_behind_one_address_joins_but_the_room_has_a_size():
    room, _ = make_room(join_burst=3, max_devices=40)
    tokens = [room.join(room.code, f"P{n}", address="192.168.1.1") for n in range(40)]
    assert len(set(tokens)) == 40
    with pytest.raises(NotAllowed, match="full"):
        room.join(room.code, "one too many", address="192.168.1.2")
