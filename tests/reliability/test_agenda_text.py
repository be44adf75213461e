"""Agenda text is plain text: markup is shown as written, control characters as stand-ins.

tests/agendas/hostile is the shipped agenda with "[@click=app.quit]…[/]", "[b]…[/b]",
ESC[2J (clear the screen) and an OSC title sequence added to every stage's title,
aim, prompts, tips and first talking point. On each stage, the guide and the
talking points must show those characters literally, and clicking them must not
run anything.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.widgets import Label

from workshop.core.agenda.model import load_agenda
from workshop.core.textsafe import visible
from workshop.tui.widgets.guide import GuidePanel
from workshop.tui.widgets.points import PointCard, PointDeck

HOSTILE_DIR = Path(__file__).parent.parent / "agendas" / "hostile"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What the hostile text looks like once markup has eaten its tags.
EATEN = re.compile(
    r"(?<!\])(AIM AIM|PROMPT PROMPT|TIP TIP|POINT POINT|BODY BODY)|(?<!\[/b\])T\u241b"
)


def shown(label: Label) -> str:
    """What the label draws, as plain text (markup already applied, if it was on)."""
    return label.render().plain


def screen_text(svg: str) -> str:
    """The characters of a screenshot, tags and entities removed (one run of text per line)."""
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(runs)).replace("\xa0", " ")


@pytest.fixture
def hostile_agenda():
    return load_agenda(HOSTILE_DIR)


async def open_stage(store, clock, agenda, index: int):
    from workshop.tui.app import WorkshopApp

    workshop_id = store.create_workshop(
        team="Payments", agenda_json=agenda.model_dump_json(), current_stage=index
    )
    return WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        clock=clock,
        wall=clock.wall,
        tick_seconds=3600,
    )


@pytest.mark.parametrize("index", range(7))
async def test_guide_and_points_show_agenda_text_literally(store, clock, hostile_agenda, index):
    stage = hostile_agenda.stages[index]
    app = await open_stage(store, clock, hostile_agenda, index)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.screen.stage.key == stage.key
        texts = [shown(label) for label in app.screen.query(Label)]
        for label in app.screen.query(Label):
            assert not CONTROL.search(shown(label)), repr(shown(label))
            assert not EATEN.search(shown(label)), f"markup applied: {shown(label)!r} in {label!r}"
        guides = list(app.screen.query(GuidePanel))
        if guides:
            guide_text = "\n".join(shown(label) for label in guides[0].query(Label))
            assert visible(stage.aim) in guide_text
            for line in (*stage.prompts, *stage.tips):
                assert f"• {visible(line)}" in guide_text
        if app.screen.query(PointDeck) or app.screen.query(PointCard):
            point = stage.points[0]
            assert any(visible(point.title) in text for text in texts), texts
        # Nothing drawn carries a raw escape character, anywhere on the screen.
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
        assert not EATEN.search(screen_text(svg)), screen_text(svg)


async def test_clicking_a_prompt_runs_nothing(store, clock, hostile_agenda):
    app = await open_stage(store, clock, hostile_agenda, 2)  # goals: guide with prompts
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        guide = app.screen.query_one(GuidePanel)
        prompt = next(label for label in guide.query(Label) if "PROMPT" in shown(label))
        prompt.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(prompt, offset=(4, 0))
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]PROMPT[/]" in shown(prompt)


async def test_the_start_screen_shows_stage_titles_literally(tmp_path, clock, hostile_agenda):
    from workshop.core.db.store import Store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.start import StartScreen

    path = tmp_path / "w.db"
    store = Store.open(f"sqlite:///{path}")
    store.create_workshop(
        team="Support", agenda_json=hostile_agenda.model_dump_json(), current_stage=2
    )
    store.close()
    app = WorkshopApp(f"sqlite:///{path}", agenda_dir=HOSTILE_DIR, tick_seconds=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        listing = str(app.screen.query_one("#workshops").get_option_at_index(1).prompt)
        assert "[b]T[/b]" in listing
        assert not CONTROL.search(listing), repr(listing)
