"""The wrap-up's F2 writes the same JSON as `okr-workshop export`: with the company links."""

from __future__ import annotations

import json

import workshop.core.exports as exports
import workshop.core.paths
from tests.org.sample import build_organisation
from tests.tui.stage_waits import WRAP_UP
from tests.tui.test_wrap_up import go_to_wrap_up, settle, status


async def test_f2_json_has_the_company_links(make_app, store, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setattr(workshop.core.paths, "exports_dir", lambda: folder)
    real = exports.render

    def render(workshop, fmt, page_size="a4", **extra):
        # The JSON for real; the other formats faked (they have their own tests).
        return real(workshop, fmt, page_size=page_size, **extra) if fmt == "json" else b"-"

    monkeypatch.setattr(exports, "render", render)
    org = build_organisation(store)
    app = make_app(org["teams"]["Growth"], stage=WRAP_UP)
    async with app.run_test(size=(160, 45)) as pilot:
        await go_to_wrap_up(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot, lambda: "Written" in status(app))
        assert "Written (6 files)" in status(app)
    data = json.loads((folder / "growth-2027-q1.json").read_bytes())["workshop"]
    assert data["company"] == {"name": "Acme Group", "period": "2027-Q1"}
    assert [o["company_link"]["objective_no"] for o in data["objectives"]] == [2, 1]
    assert "level" not in data  # a team's workshop: the default, left out
