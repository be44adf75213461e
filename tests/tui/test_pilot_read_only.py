"""A pilot plan open in another window: every key on every pilot stage writes nothing.

As for the workshop (tests/tui/test_read_only.py): the second window shows the plan,
its fields are disabled, and the keys that would change the plan (Ctrl+T's choices,
the checklist ticks, moving a test) are refused in plain words.
"""

from __future__ import annotations

import pytest

from tests.pilot.test_exports import full_pilot
from tests.tui.test_read_only import FAR_FUTURE, SKIPPED_KEYS, back_to, database_state
from workshop.core.agenda.model import load_kind_agenda
from workshop.core.db.errors import open_store
from workshop.core.session.lease import WorkshopLease
from workshop.core.session.session import READ_ONLY_REFUSAL
from workshop.tui.app import WorkshopApp
from workshop.tui.app_ticker import is_stage_screen

PILOT_AGENDA = load_kind_agenda("pilot")
CHANGING_KEYS = {
    "why_a_pilot": ("ctrl+t",),
    "test_group": ("ctrl+t",),
    "duration": ("ctrl+t",),
    "what_to_test": ("alt+up", "alt+down"),
    "change_checklist": ("ctrl+t",),
}


@pytest.mark.parametrize("index", range(len(PILOT_AGENDA.stages)))
async def test_every_key_on_every_pilot_stage_of_a_read_only_window_writes_nothing(
    index, tmp_path, agenda, clock, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the last step's export key writes files here
    db = tmp_path / "p.db"
    store = open_store(f"sqlite:///{db}")
    pilot_plan = full_pilot().model_copy(update={"current_stage": index})
    workshop_id = store.import_workshop(pilot_plan, agenda_json=PILOT_AGENDA.model_dump_json())
    other = WorkshopLease(
        store, workshop_id, owner="other-window", pid=1, host="elsewhere", now=lambda: FAR_FUTURE
    )
    assert other.acquire()
    before = database_state(db)

    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )
    told: list[str] = []
    notify = app.notify

    def record(message, *args, **kwargs):
        told.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    pressed: set[str] = set()
    async with app.run_test(size=(160, 45)) as pilot:
        await app.keys_settled()
        stage = app.screen
        assert is_stage_screen(stage) and stage.stage_index == index
        assert PILOT_AGENDA.stages[index].key == stage.STAGE_KEY
        assert app.session.read_only
        for key in [k for k in stage.active_bindings if k not in SKIPPED_KEYS]:
            await pilot.press(key)
            await back_to(pilot, stage)
            app._tick()
            pressed.add(key)
        app._tick()
    store.close()

    assert database_state(db) == before
    changing = CHANGING_KEYS.get(PILOT_AGENDA.stages[index].key, ())
    assert set(changing) <= pressed
    if changing:
        assert READ_ONLY_REFUSAL in told
