"""Pilot tests of pacing in the UI: the agenda bar, rebalance (F3), end at (F4), breaks (F9)
and the command palette. Driven with keys and the fake clock; checked in the store.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

from workshop.core.clock.timer import Mode, TimerState
from workshop.tui.dialogs.end_at import EndAtScreen
from workshop.tui.dialogs.rebalance import RebalanceScreen
from workshop.tui.screens.goals import GoalsScreen
from workshop.tui.widgets.agenda_bar import AgendaBar

WIDE = (160, 45)
NARROW = (80, 24)


def bar_text(app) -> str:
    return app.screen.query_one(AgendaBar).render().plain


def stored_clock(store, app) -> TimerState:
    return TimerState.model_validate_json(store.load_clock(app.session.workshop_id))


def plans(state: TimerState) -> dict[str, int]:
    return {s.key: s.adjusted_seconds for s in state.stages}


async def start_goals_behind(pilot, clock, minutes_over: float) -> None:
    """Run the overview to time, then the goals stage `minutes_over` past its 15 minutes."""
    await pilot.press("ctrl+n", "f5")
    clock.advance(30 * 60)
    await pilot.press("ctrl+n")
    assert isinstance(pilot.app.screen, GoalsScreen)
    clock.advance((15 + minutes_over) * 60)
    pilot.app._tick()
    await pilot.pause()


# -- the agenda bar ------------------------------------------------------------------


async def test_before_the_start_the_bar_shows_the_plan_and_when_it_would_end(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        text = bar_text(app)
    assert "Plan 120 min · ends 11:00 if started now" in text
    assert "1 Overview 30 min" in text and "6 Wrap up 10 min" in text


async def test_the_bar_says_how_far_behind_and_shows_actual_minutes(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")
        clock.advance(37 * 60)
        app._tick()
        await pilot.pause()
        assert "ends 11:07 · hard stop 11:00 · +7 min behind" in bar_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        text = bar_text(app)
    assert "1 Overview 37 of 30 min" in text  # planned against actual for a done stage
    assert "+7 min behind" in text


async def test_the_bar_says_ahead_when_a_stage_ends_early(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")
        clock.advance(20 * 60)
        await pilot.press("ctrl+n")
        await pilot.pause()
        text = bar_text(app)
    assert "ends 10:50 · hard stop 11:00 · 10 min ahead" in text
    assert "1 Overview 20 of 30 min" in text


async def test_at_80_columns_the_bar_is_one_line_naming_the_stage(make_app, clock):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+n", "f5")
        clock.advance(37 * 60)
        app._tick()
        await pilot.pause()
        bar = app.screen.query_one(AgendaBar)
        text = bar.render().plain
        assert bar.size.height == 1
    assert "\n" not in text and "…" not in text
    assert "+7 min behind" in text
    # The stage under way in words, not a row of codes such as "2·15 3·25".
    assert "Step 1 of 6 · Overview 37 of 30 min" in text


# -- rebalance (F3) --------------------------------------------------------------------


async def test_rebalance_accepted_changes_the_plan_and_saves_the_clock(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await start_goals_behind(pilot, clock, minutes_over=6)
        before = plans(stored_clock(store, app))
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceScreen)
        message = str(app.screen.query_one("#rebalance-message").render())
        assert message.startswith("Shortens")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        after = plans(stored_clock(store, app))
        assert "on time" in bar_text(app)
    assert after["key_results"] == before["key_results"]  # protected by default
    assert sum(after.values()) == sum(before.values()) - 6 * 60
    assert after["objectives"] < before["objectives"]
    assert after["goals"] == before["goals"] and after["overview"] == before["overview"]


async def test_rebalance_rejected_changes_nothing(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await start_goals_behind(pilot, clock, minutes_over=6)
        before = plans(stored_clock(store, app))
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        assert plans(app.session.timer.snapshot()) == before
        assert plans(stored_clock(store, app)) == before
        assert "+6 min behind" in bar_text(app)


async def test_protection_can_be_toggled_and_the_proposal_follows(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await start_goals_behind(pilot, clock, minutes_over=6)
        await pilot.press("f3")
        await pilot.pause()
        modal = app.screen
        assert "key_results" not in modal.proposal.changed
        await pilot.press("down", "space")  # the second row is the key results stage
        await pilot.pause()
        assert "key_results" in modal.proposal.changed
        cells = modal.query_one("#rebalance-table").get_row("key_results")
        assert cells[4] == ""  # no longer marked protected
        await pilot.press("p")  # and protect it again
        await pilot.pause()
        assert "key_results" not in modal.proposal.changed
        await pilot.press("escape")


async def test_when_the_plan_cannot_fit_it_says_by_how_much(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await start_goals_behind(pilot, clock, minutes_over=90)
        await pilot.press("f3")
        await pilot.pause()
        message = app.screen.query_one("#rebalance-message")
        text = str(message.render())
        assert text.startswith("Can't land on time")
        assert "min late" in text
        assert message.has_class("-not-fit")
        assert "best effort" in str(app.screen.query_one("#rebalance-keys").render())
        await pilot.press("y")  # accept the best effort anyway
        await pilot.pause()
        after = plans(stored_clock(store, app))
    assert after["objectives"] == after["cadence"] == after["wrap_up"] == 60
    assert after["key_results"] == 25 * 60


# -- end at (F4) -------------------------------------------------------------------------


async def test_end_at_a_time_sets_what_is_left_and_saves(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+n", "f5")  # 09:00
        clock.advance(10 * 60)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, EndAtScreen)
        await pilot.press(*"9:45", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, EndAtScreen)
        assert app.session.timer.remaining() == 35 * 60
        overview = stored_clock(store, app).stages[1]
    assert overview.adjusted_seconds == 45 * 60


async def test_end_at_explains_a_bad_time_and_stays_open(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")
        clock.advance(10 * 60)
        await pilot.press("f4")
        await pilot.pause()
        error = app.screen.query_one("#end-at-error")
        await pilot.press(*"25:00", "enter")
        await pilot.pause()
        assert "the hour goes from 0 to 23" in str(error.render())
        await pilot.press(*["backspace"] * 5, *"8:30", "enter")
        await pilot.pause()
        assert "has already passed" in str(error.render())
        assert isinstance(app.screen, EndAtScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.timer.adjusted() == 30 * 60  # untouched


# -- breaks (F9) ----------------------------------------------------------------------------


async def test_a_break_pauses_the_workshop_and_is_recorded(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")
        clock.advance(5 * 60)
        await pilot.press("f9", "backspace", "enter")  # no set end: an open-ended break
        assert app.session.timer.mode is Mode.BREAK
        await pilot.press("escape")  # from the full-screen clock back to the stage
        clock.advance(252)
        app._tick()
        await pilot.pause()
        status = str(app.screen.query_one("#clock-status").render())
        assert "On a break · 04:12" in status
        assert app.screen.query_one("#clock").has_class("-break")
        await pilot.press("f9")
        assert app.session.timer.mode is Mode.RUNNING
        state = stored_clock(store, app)
    assert state.break_seconds == 252
    assert state.stages[1].elapsed_seconds == 5 * 60  # the break is not stage time


async def test_no_break_before_the_clock_has_started(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("ctrl+n", "f9")
        assert app.session.timer.mode is Mode.STOPPED


# -- the command palette and dialogs ----------------------------------------------------------


async def palette_titles(app, pilot) -> set[str]:
    """Open the command palette and read every command it lists before anything is typed."""
    await pilot.press("ctrl+p")
    for _ in range(200):
        palette = app.screen
        if isinstance(palette, CommandPalette):
            listed = palette.query_one(CommandList)
            # Each option reads its title, then its help ("Pacing · F6") on the line below.
            options = [listed.get_option_at_index(i) for i in range(listed.option_count)]
            titles = {str(option.prompt).split("\n")[0] for option in options}
            if "Quit" in " ".join(titles):  # Textual's own commands: the list is complete
                return titles
        await pilot.pause(0.02)
    raise AssertionError("the command palette listed nothing")


async def test_every_pacing_action_is_in_the_command_palette(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n")
        titles = await palette_titles(app, pilot)
        # Chosen from the palette, a command does what its key does.
        await pilot.press(*"add 5 minutes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(100):
            if app.session.timer.adjusted() == 35 * 60:
                break
            await pilot.pause(0.02)
        assert app.session.timer.adjusted() == 35 * 60  # the overview's 30 min, and 5 more
    for title in [
        "Start or pause the clock",
        "Add 1 minute",
        "Add 5 minutes",
        "Take 1 minute away",
        "Next stage",
        "Back a stage",
        "Take a break, or end it",
        "Rebalance the rest of the agenda",
        "End this stage at a set time",
        "Mute or unmute the sound and flash",
    ]:
        assert title in titles


async def test_a_break_from_the_command_palette(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+n", "f5")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"take a break")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # the break-length dialog: "10" (its suggestion) or empty
        await pilot.pause()
        assert app.session.timer.mode is Mode.BREAK


async def test_stage_keys_wait_while_a_dialog_is_open(make_app, clock):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await start_goals_behind(pilot, clock, minutes_over=6)
        await pilot.press("f3", "ctrl+n", "f7")
        await pilot.pause()
        assert isinstance(app.screen, RebalanceScreen)
        assert app.session.timer.current == 2
        assert app.session.timer.adjusted() == 15 * 60
        await pilot.press("escape")
