"""Pilot tests: the key results stage, driven with keys, checked in the store."""

from __future__ import annotations

import pytest

from tests.tui.stage_waits import KEY_RESULTS, on_stage
from workshop.core.db.store import Item
from workshop.core.domain import KeyResultKind
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.widgets.kr_rows import KeyResultRow, KRField, ObjectiveBlock


@pytest.fixture
def okr_workshop(store):
    """A workshop with two objectives from stage 3; the first has two key results."""
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    first = store.add(
        Item.OBJECTIVE, workshop_id, text="Make support feel instant", goal_type="committed"
    )
    store.add(Item.KEY_RESULT, first, text="Cut first reply time from 48 h to 8 h")
    store.add(Item.KEY_RESULT, first, text="Raise CSAT from 70% to 85%")
    store.add(
        Item.OBJECTIVE, workshop_id, text="Win back customers who left", goal_type="aspirational"
    )
    return workshop_id


async def go_to_key_results(pilot) -> KeyResultsScreen:
    """The app opens at the stage (`make_app(..., stage=KEY_RESULTS)`): wait for it."""
    screen = await on_stage(pilot, KEY_RESULTS)
    assert isinstance(screen, KeyResultsScreen)
    return screen


def focused_row(screen: KeyResultsScreen) -> KeyResultRow:
    assert isinstance(screen.focused, KRField)
    return screen.focused.payload


async def test_objectives_are_listed_with_their_key_results(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        blocks = list(screen.query(ObjectiveBlock).results(ObjectiveBlock))
        assert [b.objective.text for b in blocks] == [
            "Make support feel instant",
            "Win back customers who left",
        ]
        heading = blocks[1].query_one(".objective-heading")
        assert "aspirational" in str(heading.render())
        # The objective with none gets one empty line to type in, stored as a blank row.
        assert len(blocks[1].rows) == 1
        assert focused_row(screen) is blocks[0].rows[0]
    workshop = store.load(okr_workshop)
    assert [k.text for k in workshop.objectives[1].key_results] == [""]


async def test_typing_a_key_result_with_its_numbers_and_owner(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_key_results(pilot)
        await pilot.press("pagedown")  # to the second objective's first key result
        await pilot.press(*"Bring back lapsed accounts")
        await pilot.press("down", *"40")  # from
        await pilot.press("down", *"200")  # to
        await pilot.press("tab", *"accounts")  # unit
        await pilot.press("down", *"Priya")  # owner
        await pilot.press("ctrl+n")  # leaving the stage saves everything
        await pilot.pause()
    kr = store.load(okr_workshop).objectives[1].key_results[0]
    assert (kr.text, kr.start, kr.target, kr.unit, kr.owner) == (
        "Bring back lapsed accounts",
        "40",
        "200",
        "accounts",
        "Priya",
    )
    assert kr.kind is KeyResultKind.METRIC


async def test_enter_adds_the_next_key_result_after_this_one(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_key_results(pilot)
        await pilot.press("enter", *"Answer 90% of chats within 2 minutes")
        assert focused_row(screen).text_field.border_title == "KR 1.2 · metric"
        await pilot.pause()
        app.session.flush()
    texts = [k.text for k in store.load(okr_workshop).objectives[0].key_results]
    assert texts == [
        "Cut first reply time from 48 h to 8 h",
        "Answer 90% of chats within 2 minutes",
        "Raise CSAT from 70% to 85%",
    ]


async def test_backspace_on_an_empty_key_result_removes_it(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_key_results(pilot)
        await pilot.press("enter", "backspace")
        await pilot.pause()
    assert len(store.load(okr_workshop).objectives[0].key_results) == 2


async def test_a_sixth_key_result_is_refused(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        for text in ("Three", "Four", "Five"):
            await pilot.press("enter", *text)
        await pilot.press("enter")  # a sixth: refused
        await pilot.pause()
        block = screen.query(ObjectiveBlock).first(ObjectiveBlock)
        message = block.query_one(".ns-message")
        assert "already has 5 key results" in str(message.render())
        assert message.has_class("-shown")
        app.session.flush()
    assert len(store.load(okr_workshop).objectives[0].key_results) == 5


async def test_ctrl_t_makes_a_milestone_and_hides_from_to_unit(make_app, store, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        await pilot.press("down")  # into "from"
        await pilot.press("ctrl+t")
        await pilot.pause()
        row = screen.query(KeyResultRow).first(KeyResultRow)
        assert row.has_class("-milestone")
        assert row.field("start").disabled and not row.field("start").display
        assert screen.focused is row.text_field  # moved off the hidden field
        assert row.text_field.border_title == "KR 1.1 · milestone"
        # Stored at once, without waiting for the autosave tick.
        assert store.load(okr_workshop).objectives[0].key_results[0].kind is (
            KeyResultKind.MILESTONE
        )
        await pilot.press("down")  # from/to/unit are skipped: straight to the owner
        assert isinstance(screen.focused, KRField) and screen.focused.kr_field == "owner"
        await pilot.press("up", "ctrl+t")
        await pilot.pause()
        assert not row.has_class("-milestone")
    assert store.load(okr_workshop).objectives[0].key_results[0].kind is KeyResultKind.METRIC


async def test_pagedown_and_pageup_jump_between_objectives(make_app, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_key_results(pilot)
        await pilot.press("pagedown")
        assert focused_row(screen).block.number == 2
        await pilot.press("pagedown")  # already on the last: stays
        assert focused_row(screen).block.number == 2
        await pilot.press("pageup")
        assert focused_row(screen).block.number == 1


async def test_the_coach_reads_the_focused_key_result(make_app, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        await pilot.press("pagedown", *"Hold a weekly meeting about churn")
        screen.coach.flush()  # the coach waits for typing to pause; do not wait here
        assert "kr.activity" in {f.rule for f in screen.coach.findings}
        # Counts: the second objective has only one key result, the first two.
        rules = [f.rule for f in screen.coach.count_findings]
        assert rules == ["counts.key_results", "counts.key_results"]


async def test_the_counts_follow_a_key_result_written_and_cleared(make_app, okr_workshop):
    app = make_app(okr_workshop, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        await pilot.press("pagedown")  # the second objective's empty line
        block = focused_row(screen).block

        def counts() -> tuple[str, list[str]]:
            line = str(block.query_one(".kr-count").render())
            return line, [f.rule for f in screen.coach.count_findings]

        assert counts() == (
            "No key results yet: write the first one above.",
            ["counts.key_results", "counts.no_key_results"],
        )
        await pilot.press(*"Win")  # written from the first key on; more keys change nothing
        assert counts() == (
            "1 of 3–5 key results: add more.",
            ["counts.key_results", "counts.key_results"],
        )
        await pilot.press("backspace", "backspace", "backspace")  # blank again
        assert counts()[0] == "No key results yet: write the first one above."
        assert counts()[1] == ["counts.key_results", "counts.no_key_results"]
        await pilot.press(" ")  # a blank is not written
        assert counts()[0] == "No key results yet: write the first one above."


async def test_user_text_is_shown_literally(make_app, store):
    workshop_id = store.create_workshop()
    objective = store.add(Item.OBJECTIVE, workshop_id, text="[bold]Grow[/bold] \x1b[2J")
    store.add(Item.KEY_RESULT, objective, text="[red]Raise NPS[/red] from 30 to 45")
    app = make_app(workshop_id, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        text = screen.query_one(".objective-text")
        assert str(text.render()) == "[bold]Grow[/bold] ␛[2J"
        assert screen.query(KeyResultRow).first().text_field.value.startswith("[red]")


async def test_no_objectives_points_back_to_stage_three(make_app):
    app = make_app(stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_key_results(pilot)
        message = str(screen.query_one("#kr-no-objectives").render())
        assert "Ctrl+B" in message and "step 3" in message
        await pilot.press("ctrl+r", "ctrl+t", "pagedown")  # nothing to act on: no error
        assert app.screen is screen


async def test_blank_objective_slots_from_stage_three_are_not_listed(make_app, store):
    workshop_id = store.create_workshop()
    store.add(Item.OBJECTIVE, workshop_id, text="")  # stage 3's empty typing slot
    app = make_app(workshop_id, stage=KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await go_to_key_results(pilot)
        assert screen.query("#kr-no-objectives")
    assert store.load(workshop_id).objectives[0].key_results == []


async def test_objective_numbers_match_stage_three(make_app, store):
    workshop_id = store.create_workshop()
    for text in ("Grow the community", "", "Keep the lights on"):
        store.add(Item.OBJECTIVE, workshop_id, text=text)
    app = make_app(workshop_id, stage=KEY_RESULTS)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await go_to_key_results(pilot)
        blocks = list(screen.query(ObjectiveBlock).results(ObjectiveBlock))
        assert [b.number for b in blocks] == [1, 3]
        screen.coach.flush()
        messages = [f.message for f in screen.coach.count_findings]
        assert any("Objective 3" in m for m in messages)
        assert not any("Objective 2" in m for m in messages)
