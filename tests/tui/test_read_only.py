"""Two windows on one workshop: the second is told plainly and cannot overwrite the first."""

from __future__ import annotations

from textual.widgets import Input

from workshop.lease import WorkshopLease


async def test_second_window_opens_read_only_and_writes_nothing(make_app, store):
    workshop_id = store.create_workshop(team="Ops", current_stage=0)
    other = WorkshopLease(store, workshop_id, owner="other-window", pid=1, host="elsewhere")
    assert other.acquire()
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert app.session.read_only
        assert screen.has_class("-read-only")
        banner = str(screen.query_one("#read-only-banner").render())
        assert "elsewhere" in banner or "another" in banner.lower()
        assert all(field.disabled for field in screen.query(Input))
        await pilot.press(*"typed here")
        app.session.flush()
    assert store.load(workshop_id).team == "Ops"


async def test_first_window_edits_and_releases_on_quit(make_app, store):
    workshop_id = store.create_workshop(team="Ops", current_stage=0)
    app = make_app(workshop_id)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not app.session.read_only
        assert not app.screen.has_class("-read-only")
    # After quitting, a new window gets the workshop for editing at once.
    assert WorkshopLease(store, workshop_id).acquire()
