"""Pilot tests: opening a stage shows the stored text without saving it back or recounting per field."""

from __future__ import annotations

from tests.tui.stage_waits import CADENCE, KEY_RESULTS, on_stage
from workshop.core.db.store import Item
from workshop.tui.screens.cadence import CadenceScreen
from workshop.tui.screens.key_results import KeyResultsScreen
from workshop.tui.widgets.kr_rows import KRField


async def test_opening_key_results_queues_no_edits_and_counts_once(make_app, store, monkeypatch):
    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    for o in range(3):
        objective = store.add(Item.OBJECTIVE, workshop_id, text=f"Objective {o}")
        for k in range(4):
            store.add(Item.KEY_RESULT, objective, text=f"KR {o}.{k}", owner="Ana", unit="%")
    counted: list[int] = []
    original = KeyResultsScreen.update_counts

    def counting(self: KeyResultsScreen) -> None:
        counted.append(1)
        original(self)

    monkeypatch.setattr(KeyResultsScreen, "update_counts", counting)
    app = make_app(workshop_id, stage=KEY_RESULTS)  # opened there, as a workshop reopens
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await on_stage(pilot, KEY_RESULTS)
        assert isinstance(screen, KeyResultsScreen) and screen.is_built
        fields = list(screen.query(KRField).results(KRField))
        # Built in steps, but every objective is there once it says it is built.
        assert [f.value for f in fields if f.kr_field == "text"] == [
            f"KR {o}.{k}" for o in range(3) for k in range(4)
        ]
        assert [block.number for block in screen.blocks] == [1, 2, 3]
        # Loaded text is not typing: nothing is queued to be saved back.
        assert not app.session.dirty
        assert len(counted) == 1
        # Typing still saves; a key result emptied (no longer written) is recounted.
        await pilot.press("x")
        await app.keys_settled()
        assert app.session.dirty
        assert len(counted) == 1  # still written: nothing to recount
        await pilot.press(*["backspace"] * len("KR 0.0x"))
        await app.keys_settled()
        assert screen.focused is not None and screen.focused.value == ""
        assert len(counted) == 2


async def test_opening_cadence_with_its_meetings_queues_no_edits(make_app, store):
    from tests.exports.sample import full_workshop

    workshop_id = store.import_workshop(full_workshop())
    # The sample carries a stored clock (make_app(stage=...) refuses one): reached by key.
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        app.session.set_stage(4)
        await pilot.press("ctrl+n")
        screen = await on_stage(pilot, CADENCE)
        assert isinstance(screen, CadenceScreen) and screen.is_built
        assert len(screen.rows()) == 13
        assert not app.session.dirty
