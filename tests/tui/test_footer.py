"""The footer of every stage starts with the keys the facilitator needs most."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey, FooterLabel

from tests.tui.stage_waits import GOALS, OBJECTIVES, on_stage
from workshop.tui.screens.base import StageScreen
from workshop.tui.widgets.key_footer import KeyFooter, keys_shown

FIRST_THREE = ["Start/pause", "Back", "Next stage"]


def footer_descriptions(screen) -> list[str]:
    """The words of each hint the footer shows (a group of keys: its one label)."""
    footer = screen.query_one(KeyFooter)
    words = []
    for child in footer.children:
        if not child.display:
            continue
        if isinstance(child, FooterKey):
            words.append(child.description)
        elif isinstance(child, FooterLabel):
            words.append(str(child.render()))
    return words


def cut_hints(screen) -> list[str]:
    """Hints drawn past the footer's edge or under the palette's hint (cut mid-word)."""
    footer = screen.query_one(KeyFooter)
    shown = [child for child in footer.children if child.display]
    palette = [child for child in shown if child.has_class("-command-palette")]
    edge = palette[0].region.x if palette else footer.region.right
    return [
        f"{child!r} ends at {child.region.right}, edge {edge}"
        for child in shown
        if child not in palette
        # A key's hint ends in a blank, which may go under the palette's border.
        and child.region.right - (1 if isinstance(child, FooterKey) else 0) > edge
    ]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_clock_and_stage_keys_come_first_on_every_stage(make_app, size):
    """At 80 columns the footer shows about six keys; the stage's own keys (and the
    focused field's) used to come first and pushed 'Next stage' off the screen."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        seen = []
        for _ in range(len(app.session.agenda.stages)):
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StageScreen)
            descriptions = footer_descriptions(screen)
            assert descriptions[:3] == FIRST_THREE, (screen.STAGE_KEY, descriptions)
            # The stage's own keys are still there, after them (at 80 columns a hint that
            # does not fit whole is left out).
            assert len(descriptions) > 4
            if size[0] >= 160:
                assert "Guide" in descriptions[3:]
            seen.append(screen.STAGE_KEY)
            await pilot.press("ctrl+n")
        assert len(set(seen)) == len(app.session.agenda.stages)


async def test_the_footer_has_its_keys_back_after_a_dialog(make_app, store):
    """After Ctrl+L (objectives) or an N&S question (key results) was closed, the footer
    lost Ctrl+N and F6-F9 until the cursor moved."""
    from workshop.core.db.store import Item
    from workshop.core.domain import CascadeModel

    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    store.update_workshop(workshop_id, cascade_model=CascadeModel.BOTTOM_UP)
    objective = store.add(Item.OBJECTIVE, workshop_id, text="Make support feel instant")
    store.add(Item.KEY_RESULT, objective, text="Cut first reply time")
    app = make_app(workshop_id, stage=OBJECTIVES)
    needed = {"Back", "Next stage", "Break", "+1 +5 -1 min"}
    async with app.run_test(size=(200, 45)) as pilot:
        await on_stage(pilot, OBJECTIVES)
        for dialog_key in ("ctrl+l", "ctrl+r"):  # the link picker, then an N&S question
            await pilot.press(dialog_key)
            await app.keys_settled()
            assert app.screen.is_modal
            await pilot.press("escape")
            await app.keys_settled()
            await pilot.pause()
            assert not app.screen.is_modal
            assert needed <= set(footer_descriptions(app.screen)), dialog_key
            await pilot.press("ctrl+n")  # on to the key results for the N&S test
            await app.keys_settled()
            await pilot.pause()


# Every key a stage offers in its footer at 160 columns (the widest set of each stage).
ALL_AT_160 = {"Start/pause", "Back", "Next stage", "Guide", "+1 +5 -1 min", "Break", "Big clock"}


async def test_every_hint_is_whole_at_both_sizes_on_every_stage(make_app):
    """At 160 columns the set-up, objectives and key results footers ran past the edge
    ("f4 ▏", "f9 Brea▏"); at 80 hints were cut mid-word. Now every stage shows all its
    hints whole at 160, and at 80 the first ones whole and none cut."""
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(len(app.session.agenda.stages)):
            await app.keys_settled()
            await pilot.pause()
            screen = app.screen
            assert cut_hints(screen) == [], screen.STAGE_KEY
            shown = footer_descriptions(screen)
            assert set(shown) >= ALL_AT_160, (screen.STAGE_KEY, shown)
            assert all(child.display for child in screen.query_one(KeyFooter).children)
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            await pilot.pause()
            assert cut_hints(screen) == [], screen.STAGE_KEY
            assert footer_descriptions(screen)[:3] == FIRST_THREE
            await pilot.resize_terminal(160, 45)
            await pilot.pause()
            await pilot.press("ctrl+n")


async def test_moving_the_cursor_does_not_rebuild_the_footer(make_app, store):
    """Textual's footer rebuilt itself (some twenty widgets) on every Tab; the keys on
    offer did not change, so nothing should be rebuilt."""
    from workshop.core.db.store import Item

    workshop_id = store.create_workshop(team="Support", period="2027-Q1")
    for text in ("Answer faster", "Fewer repeat contacts", "Happier customers"):
        store.add(Item.PRIORITY, workshop_id, text=text)
    app = make_app(workshop_id, stage=GOALS)  # the goals stage: a list of fields
    async with app.run_test(size=(160, 45)) as pilot:
        await on_stage(pilot, GOALS)
        footer = app.screen.query_one(KeyFooter)
        rebuilt = []
        original = footer.recompose

        async def counting() -> None:
            rebuilt.append(app.focused)
            await original()

        footer.recompose = counting  # type: ignore[method-assign]
        before = footer_descriptions(app.screen)
        for key in ("tab", "tab", "down", "up"):
            await pilot.press(key)
            await app.keys_settled()
            await pilot.pause()
        assert rebuilt == []
        assert footer_descriptions(app.screen) == before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_stage_that_opens_builds_its_hints_once(make_app, size, monkeypatch):
    """Its keys and its width both arrive as a stage opens: one build for them, still whole.

    On a quiet machine that is one build. On a busy one a stage's keys can change after
    the first build (seen once on the objectives stage, beside two CPU burners), and the
    footer is rebuilt for them: what must never happen is a build for what it shows.
    """
    from textual.widgets import Footer

    builds: list[tuple[KeyFooter, object]] = []
    build = Footer.recompose

    async def counted(self) -> None:
        builds.append((self, self._built_for))  # what `KeyFooter.recompose` builds for
        await build(self)

    def built_for(footer: KeyFooter) -> list[object]:
        return [wanted for built, wanted in builds if built is footer]

    def shows_now(screen: StageScreen) -> object:
        footer = screen.query_one(KeyFooter)
        return (keys_shown(screen), footer.size.width, footer.compact)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = make_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        for keys, stage in ((), GOALS), (("ctrl+n",), OBJECTIVES):  # each with its own footer
            await pilot.press(*keys)
            screen = await on_stage(pilot, stage)
            await pilot.pause()
            wanted = built_for(screen.query_one(KeyFooter))
            assert wanted and len(set(wanted)) == len(wanted), wanted  # never the same twice
            assert wanted[-1] == shows_now(screen)
            assert footer_descriptions(screen)[:3] == FIRST_THREE
            assert cut_hints(screen) == []


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_keys_are_not_restyled_as_the_footer_is_built(make_app, monkeypatch, size):
    """Each key used to flip its "-compact" class once or twice as it was mounted (Textual
    starts it compact, then binds it to the footer), restyling it each time: about 8 ms
    of every stage's opening. The keys must still be drawn compact exactly when the
    footer is (the palette's key always)."""
    restyled: list[str] = []
    restyle = FooterKey.update_node_styles

    def counted(self, animate: bool = True) -> None:
        restyled.append(self.key)
        restyle(self, animate)

    monkeypatch.setattr(FooterKey, "update_node_styles", counted)
    app = make_app(stage=GOALS)
    async with app.run_test(size=size) as pilot:
        screen = await on_stage(pilot, GOALS)
        footer = screen.query_one(KeyFooter)
        keys = [key for key in footer.query(FooterKey) if not key.has_class("-grouped")]
        assert len(keys) > 5
        assert footer.compact is (size[0] < 110)
        for key in keys:
            assert key.has_class("-compact") is (
                key.has_class("-command-palette") or footer.compact
            )
        assert not {key.key for key in keys} & set(restyled), restyled
