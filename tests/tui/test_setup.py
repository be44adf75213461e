"""Pilot tests: the set-up stage, driven with keys, checked in the store."""

from __future__ import annotations

from textual.widgets import Label

from workshop.core.agenda.model import Agenda
from workshop.core.session.session import WorkshopSession
from workshop.tui.dialogs.setup_picker import EarlierTimesPicker
from workshop.tui.screens.setup import SetupScreen


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Label).render())


async def type_in(pilot, selector: str, text: str) -> None:
    """Put the cursor in a field (as Up/Down would) and type, replacing what is there."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press("ctrl+a", "ctrl+k", *text)


async def test_everything_typed_is_saved_and_back_after_a_restart(make_app, store, monkeypatch):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "UTC")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        # The team field has the cursor; Down moves through the fields.
        await pilot.press(*"Customer Support", "down", "ctrl+a", "ctrl+k", *"2027-Q1")
        await pilot.press("down", *"Dana", "down", *"Eli", "down", "ctrl+a", "ctrl+k")
        await pilot.press(*"Europe/Lisbon", "down")
        await pilot.press(*"Ana", "enter", *"Ben", "enter", *"Cara", "enter")
        await pilot.press("enter")  # an empty line: on to the approach
        await pilot.press("ctrl+t")  # bottom-up
        await pilot.press("tab", *"Double recurring revenue", "ctrl+o", *"ARR from 5M to 10M")
        await pilot.press("enter", *"Churn below 2%")
        await pilot.pause()
        workshop_id = app.session.workshop_id
    # Leaving the app flushed everything; a new app on the same store shows it all.
    workshop = store.load(workshop_id)
    assert workshop.team == "Customer Support"
    assert (workshop.period, workshop.facilitator, workshop.champion) == ("2027-Q1", "Dana", "Eli")
    assert workshop.timezone == "Europe/Lisbon"
    assert workshop.participants == ["Ana", "Ben", "Cara"]
    assert workshop.approach.value == "bottom-up"
    assert [p.text for p in workshop.parent_objectives] == ["Double recurring revenue"]
    assert [k.text for k in workshop.parent_objectives[0].key_results] == [
        "ARR from 5M to 10M",
        "Churn below 2%",
    ]

    again = make_app(workshop_id)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert screen.query_one("#field-team").value == "Customer Support"
        assert screen.query_one("#field-timezone").value == "Europe/Lisbon"
        assert [f.value for f in screen.query(".participant")] == ["Ana", "Ben", "Cara"]
        assert [f.value for f in screen.query(".parent-key-result")] == [
            "ARR from 5M to 10M",
            "Churn below 2%",
        ]
        assert screen.query_one("#approach-bottom-up").has_class("-chosen")
        assert "3 people" in text_of(screen, "#participant-count")


async def test_a_new_workshop_starts_with_next_quarter_and_the_local_zone(
    make_app, store, monkeypatch
):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "Europe/Oslo")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        # The fake wall clock says 12 January 2027.
        assert app.screen.query_one("#field-period").value == "2027-Q2"
        assert app.screen.query_one("#field-timezone").value == "Europe/Oslo"
        assert not app.screen.query_one("#period-note").display
    workshop = store.load(app.session.workshop_id)
    assert (workshop.period, workshop.timezone) == ("2027-Q2", "Europe/Oslo")


async def test_typing_replaces_a_suggested_period_but_never_the_rooms_text(
    make_app, store, monkeypatch
):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "Europe/Oslo")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        period = screen.query_one("#field-period")
        assert period.value == "2027-Q2"  # suggested: next quarter by the fake clock
        # Down from the team to the period, and type: the suggestion is replaced.
        await pilot.press("down", *"2027-Q3")
        assert screen.focused is period
        assert period.value == "2027-Q3"
        # Now it is the room's text: back into it and typing adds, as in any field.
        await pilot.press("down", "up", *"b")
        assert period.value == "2027-Q3b"
        await pilot.press("backspace")
        # The zone is a suggestion too; End keeps it and types after it.
        zone = screen.query_one("#field-timezone")
        zone.focus()
        await pilot.press("end", *"x", "backspace")
        assert zone.value == "Europe/Oslo"
    workshop = store.load(app.session.workshop_id)
    assert (workshop.period, workshop.timezone) == ("2027-Q3", "Europe/Oslo")


async def test_a_suggestion_typed_over_at_once_is_stored_as_typed(make_app, store, monkeypatch):
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "Europe/Oslo")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-timezone").focus()
        await pilot.press(*"Asia/Tokyo")
        await pilot.press("up", "up", "up", *"2028-Q1")  # champion, facilitator, period
        assert app.screen.query_one("#field-period").value == "2028-Q1"
    workshop = store.load(app.session.workshop_id)
    assert (workshop.period, workshop.timezone) == ("2028-Q1", "Asia/Tokyo")


async def test_on_a_machine_set_to_utc_the_zone_is_a_suggestion_too(make_app, store, monkeypatch):
    # The default UTC is then the local zone: Tab into it and type, and it is replaced
    # (seen in tmux: "UTCEurope/London", refused as an unknown zone).
    monkeypatch.setattr("workshop.core.session.session.local_timezone", lambda: "UTC")
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        app.screen.query_one("#field-timezone").focus()
        await pilot.press(*"Europe/London")
        await app.keys_settled()
        assert app.screen.query_one("#field-timezone").value == "Europe/London"
    assert store.load(app.session.workshop_id).timezone == "Europe/London"


async def test_odd_period_and_unknown_zone_warn_but_are_kept(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, "#field-period", "spring-ish")
        await type_in(pilot, "#field-timezone", "Mars/Olympus")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#period-note").display
        assert "2027-Q1" in text_of(screen, "#period-note")
        assert "Unknown time zone" in text_of(screen, "#timezone-note")

        await type_in(pilot, "#field-timezone", "Asia/Tokyo")
        await pilot.pause()
        assert not screen.query_one("#timezone-note").display
        app.session.flush()
    workshop = store.load(app.session.workshop_id)
    assert (workshop.period, workshop.timezone) == ("spring-ish", "Asia/Tokyo")


async def test_fewer_than_three_people_warns(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        app.screen.query_one(".participant").focus()
        await pilot.press(*"Ana", "enter", *"Ben")
        await pilot.pause()
        count = app.screen.query_one("#participant-count")
        assert "at least 3" in str(count.render())
        assert count.has_class("-warning")

        await pilot.press("enter", *"Cara")
        await pilot.pause()
        assert "3 people" in str(count.render())
        assert not count.has_class("-warning")

        # Backspace on an emptied name removes it, and the count follows.
        await pilot.press(*["backspace"] * 5)
        await pilot.pause()
        assert "2 people" in str(count.render())
    assert store.load(app.session.workshop_id).participants == ["Ana", "Ben"]


async def test_untouched_lines_store_nothing(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        app.screen.query_one(".participant").focus()
        await pilot.press("enter", "down", "ctrl+o")  # nothing typed anywhere
        await pilot.pause()
    workshop = store.load(app.session.workshop_id)
    assert workshop.participants == []
    assert workshop.parent_objectives == []


async def test_a_key_result_needs_its_objective_first(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        app.screen.query_one(".parent-objective").focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not app.screen.query(".parent-key-result")
        assert any("objective first" in n.message for n in app._notifications)


async def test_stage_minutes_change_the_total_the_agenda_and_the_clock(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        screen = app.screen
        assert text_of(screen, "#minutes-total") == "Total 120 min"
        await type_in(pilot, "#minutes-goals", "20")
        await pilot.pause()
        assert text_of(screen, "#minutes-total") == "Total 125 min"
        goals = app.session.agenda.index("goals")
        assert app.session.timer.adjusted(goals) == 20 * 60

        # Too many minutes: said on screen, and the last good value ("70") stays saved.
        await type_in(pilot, "#minutes-goals", "700")
        await pilot.pause()
        assert "600" in text_of(screen, "#minutes-problem")
        assert text_of(screen, "#minutes-total") == "Total 175 min"

        await pilot.press("backspace")
        await pilot.pause()
        assert not screen.query_one("#minutes-problem").display
    saved = Agenda.model_validate_json(store.agenda_json(app.session.workshop_id))
    assert saved.stage("goals").minutes == 70


async def test_plan_from_an_earlier_workshops_real_times(make_app, store, agenda, clock):
    earlier = WorkshopSession.create(store, agenda, clock=clock, wall=clock.wall, team="Sales")
    earlier.set_stage(1)
    earlier.timer.start()
    clock.advance(40 * 60)  # the overview took 40 minutes
    earlier.set_stage(2)
    clock.advance(10 * 60)
    earlier.close()

    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, EarlierTimesPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#minutes-overview").value == "40"
        assert app.screen.query_one("#minutes-goals").value == "10"
        assert text_of(app.screen, "#minutes-total") == "Total 125 min"
    saved = Agenda.model_validate_json(store.agenda_json(app.session.workshop_id))
    assert (saved.stage("overview").minutes, saved.stage("goals").minutes) == (40, 10)


async def test_no_earlier_run_says_so(make_app, store):
    app = make_app(store.create_workshop(team="Ops"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert any("no real times" in n.message for n in app._notifications)


async def test_the_chosen_approach_is_marked_by_shape_not_only_colour(make_app, store):
    """On a projector colour washes out: the chosen approach draws ●, the other ○."""

    def marks(screen) -> list[str]:
        return [str(b.render()).split()[0] for b in screen.query("#approach RadioButton")]

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert marks(app.screen) == ["▐●▌", "▐○▌"]  # top-down, the default
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert marks(app.screen) == ["▐○▌", "▐●▌"]
        workshop_id = app.session.workshop_id
    assert store.load(workshop_id).approach.value == "bottom-up"
