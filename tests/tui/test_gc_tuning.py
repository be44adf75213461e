"""Full garbage collections at quiet moments, and Textual's strips with lighter caches."""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path

import textual
from rich.segment import Segment
from rich.style import Style
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from workshop.tui import gc_tuning
from workshop.tui.gc_tuning import (
    QuietCollector,
    release_removed_widgets,
    slim_strips,
    strips_are_as_pinned,
    widgets_are_as_pinned,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def start_from_a_full_collection() -> None:
    """Start as the app does: a full collection, and what is alive frozen as start-up's.

    Young runs then count from zero (Python's own count is anywhere in 0-9 on arrival),
    and the objects earlier tests left alive in this process are not counted as growth
    (unfrozen, the first settle would freeze them all and cross the limit).
    """
    gc.collect()
    gc.freeze()


def young_runs(count: int) -> None:
    """Make the young generations run, as new objects would."""
    for _ in range(count):
        gc.collect(1)


def test_the_strip_copy_matches_the_pinned_textual(textual_strips) -> None:
    # slim_strips replaces Strip.__init__: it was written against this version, and the
    # caches it swaps for dicts must only be read with .get() and written with [key] = ...
    assert textual.__version__ == "8.2.8"
    assert strips_are_as_pinned()
    source = Path(textual.__file__).with_name("strip.py").read_text()
    for name in gc_tuning._STRIP_CACHES:
        uses = re.findall(rf"self\.{name}(\S*)", source)
        assert uses, name
        for use in uses:
            assert use.startswith((".get(", "[", ":")), (name, use)


def test_slim_strips_draw_the_same_lines(textual_strips) -> None:
    bold, red = Style(bold=True), Style(color="red")
    segments = [Segment("Grow help ", bold), Segment("articles", red), Segment(" to 200")]

    def exercise() -> list[str]:
        strip = Strip(segments)
        out = [
            strip.crop(2, 12),
            strip.crop(2, 12),  # cached
            strip.apply_style(red),
            strip.apply_style(red),
            strip.crop_extend(0, 40, bold),
            strip.extend_cell_length(30, bold),
            strip.adjust_cell_length(10),
            strip.simplify(),
            strip.apply_offsets(3, 4),
            *strip.divide([4, 9, 30]),
            *strip.divide([strip.cell_length]),
            *strip.divide([4, strip.cell_length]),
        ]
        return [repr(list(s)) for s in out]

    original, original_divide = Strip.__init__, Strip.divide
    before = exercise()
    try:
        assert slim_strips()
        assert Strip.__init__ is not original
        assert exercise() == before
        # Seven caches per strip were seven objects for the collector; now empty dicts.
        strip = Strip(segments)
        assert not gc.is_tracked(strip._crop_cache)
        # A strip cut in one piece is itself, and not kept in a cycle through its cache.
        assert strip.divide([strip.cell_length]) == [strip]
        assert not strip._divide_cache
    finally:
        Strip.__init__ = original  # type: ignore[method-assign]
        Strip.divide = original_divide  # type: ignore[method-assign]


# Frozen objects other threads of the test process free meanwhile (an earlier test's
# writer thread winding down) move gc.get_freeze_count() by a few: counts are checked
# to within this, and the tests make this many more objects than a limit asks.
NOISE = 1000


class Cycle:
    """An object in a reference cycle: garbage only the cycle collector can free."""

    def __init__(self) -> None:
        self.me = self


def test_what_is_new_is_settled_after_each_young_run() -> None:
    collector = QuietCollector(FakeClock())
    collector.install()
    try:
        start_from_a_full_collection()
        assert collector.on_tick(screen_ready=True) is None  # nothing new yet
        young_runs(gc_tuning.SETTLE_YOUNG_RUNS)
        garbage = weakref.ref(Cycle())
        kept = Cycle()
        assert collector.on_tick(screen_ready=False) == "settle"  # also while building
        # The garbage made since was collected; what is alive was frozen, so the next
        # full scans skip it.
        assert garbage() is None
        assert not any(o is kept for o in gc.get_objects())  # frozen: not in a generation
        assert collector.on_tick(screen_ready=True) is None
    finally:
        collector.uninstall()
    assert gc.get_freeze_count() == 0  # uninstall unfreezes


def test_frozen_garbage_is_reclaimed_at_a_quiet_moment() -> None:
    clock = FakeClock()
    collector = QuietCollector(clock)
    collector.install()
    try:
        start_from_a_full_collection()
        assert abs(collector.frozen_growth) < NOISE
        cycles = [Cycle() for _ in range(gc_tuning.RECLAIM_QUIET_OBJECTS + NOISE)]
        collector.settle()
        assert collector.frozen_growth >= gc_tuning.RECLAIM_QUIET_OBJECTS
        gone = weakref.ref(cycles[0])
        del cycles  # garbage now, but frozen: no settle frees it
        collector.settle()
        assert gone() is not None
        collector.note_activity()
        clock.now += gc_tuning.QUIET_SECONDS / 2
        assert collector.on_tick(screen_ready=True) is None  # typed a moment ago
        clock.now += gc_tuning.QUIET_SECONDS
        assert collector.on_tick(screen_ready=False) is None  # a stage still being built
        clock.now += gc_tuning.QUIET_SECONDS / 2
        assert collector.on_tick(screen_ready=True) is None  # built only just now
        clock.now += gc_tuning.QUIET_SECONDS
        assert collector.on_tick(screen_ready=True) == "reclaim"
        assert gone() is None
        assert abs(collector.frozen_growth) < NOISE
        clock.now += 10 * gc_tuning.QUIET_SECONDS
        assert collector.on_tick(screen_ready=True) != "reclaim"  # nothing new since
    finally:
        collector.uninstall()


def test_memory_is_bounded_when_nobody_ever_pauses() -> None:
    clock = FakeClock()
    collector = QuietCollector(clock)
    collector.install()
    try:
        start_from_a_full_collection()
        assert abs(collector.frozen_growth) < NOISE
        cycles = [Cycle() for _ in range(gc_tuning.RECLAIM_LIMIT_OBJECTS // 2 + NOISE)]
        collector.settle()
        del cycles
        collector.note_activity()
        assert collector.on_tick(screen_ready=True) is None  # typing, and below the limit
        cycles = [Cycle() for _ in range(gc_tuning.RECLAIM_LIMIT_OBJECTS // 2 + NOISE)]
        collector.settle()
        del cycles
        collector.note_activity()
        assert collector.on_tick(screen_ready=False) is None  # not in the middle of a build
        assert collector.on_tick(screen_ready=True) == "reclaim"
        assert collector.frozen_growth < gc_tuning.RECLAIM_QUIET_OBJECTS
    finally:
        collector.uninstall()


def test_the_widget_cuts_match_the_pinned_textual() -> None:
    assert textual.__version__ == "8.2.8"
    assert widgets_are_as_pinned()


class Row(Widget):
    DEFAULT_CSS = "Row { height: 1; }"

    def render(self) -> str:
        return "a row"


class Stage(Screen[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for _ in range(3):
                yield Row()
            yield Input("typed")


class Stages(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Stage())


async def test_a_screen_left_is_freed_without_the_collector() -> None:
    textual_exit = Widget._message_loop_exit
    assert release_removed_widgets()
    try:
        await switch_and_count(Stages())
    finally:
        Widget._message_loop_exit = textual_exit  # type: ignore[method-assign]


async def switch_and_count(app: Stages) -> None:
    async with app.run_test() as pilot:
        await pilot.pause()
        stage = app.screen
        assert isinstance(stage, Stage)
        widgets = [weakref.ref(w) for w in stage.walk_children(with_self=True)]
        assert len(widgets) == 6
        switching = app.switch_screen(Screen())
        del stage
        gc.collect()
        gc.disable()
        try:
            await switching
            # The old screen's widgets close their message loops one by one.
            for _ in range(500):
                if all(w() is None for w in widgets):
                    break
                await pilot.pause()
            # Freed by reference counting alone: no cycle left for the collector.
            assert [w() for w in widgets] == [None] * len(widgets)
        finally:
            gc.enable()
        # The app goes on as before.
        app.push_screen(Stage())
        await pilot.pause()
        assert len(app.screen.query(Row)) == 3
