"""Full garbage collections at quiet moments, and Textual's strips with lighter caches."""

from __future__ import annotations

import gc
import re
from pathlib import Path

import textual
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from workshop.tui import gc_tuning
from workshop.tui.gc_tuning import QuietCollector, slim_strips, strips_are_as_pinned


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def start_from_a_full_collection() -> None:
    """Count young runs from zero: Python's own count is anywhere in 0-9 on arrival."""
    gc.collect()


def young_runs(count: int) -> None:
    """Make the young generations run, as new objects would."""
    for _ in range(count):
        gc.collect(1)


def test_the_strip_copy_matches_the_pinned_textual() -> None:
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


def test_slim_strips_draw_the_same_lines() -> None:
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
        ]
        return [repr(list(s)) for s in out]

    original = Strip.__init__
    before = exercise()
    try:
        assert slim_strips()
        assert Strip.__init__ is not original
        assert exercise() == before
        # Seven caches per strip were seven objects for the collector; now empty dicts.
        strip = Strip(segments)
        assert not gc.is_tracked(strip._crop_cache)
    finally:
        Strip.__init__ = original  # type: ignore[method-assign]


def test_a_full_collection_waits_for_a_quiet_moment() -> None:
    clock = FakeClock()
    collector = QuietCollector(clock)
    saved = gc.get_threshold()
    collector.install()
    try:
        # Python's own full collections are off; the young generations are unchanged.
        assert gc.get_threshold()[:2] == saved[:2]
        assert gc.get_threshold()[2] == gc_tuning.FULL_COLLECTION_OFF
        start_from_a_full_collection()
        young_runs(gc_tuning.MIN_YOUNG_RUNS + 1)
        collector.note_activity()
        clock.now += gc_tuning.QUIET_SECONDS / 2
        assert not collector.on_tick(screen_ready=True)  # typed a moment ago
        clock.now += gc_tuning.QUIET_SECONDS
        assert not collector.on_tick(screen_ready=False)  # a stage still being built
        clock.now += gc_tuning.QUIET_SECONDS / 2
        assert not collector.on_tick(screen_ready=True)  # built only just now
        clock.now += gc_tuning.QUIET_SECONDS
        assert collector.on_tick(screen_ready=True)
        assert gc.get_count()[2] == 0  # a full collection ran
        assert len(collector.collections) == 1
        clock.now += 10 * gc_tuning.QUIET_SECONDS
        assert not collector.on_tick(screen_ready=True)  # nothing new since
    finally:
        collector.uninstall()
    assert gc.get_threshold() == saved


def test_memory_is_bounded_when_nobody_ever_pauses() -> None:
    clock = FakeClock()
    collector = QuietCollector(clock)
    collector.install()
    try:
        start_from_a_full_collection()
        young_runs(gc_tuning.VALVE_YOUNG_RUNS)
        collector.note_activity()
        assert not collector.on_tick(screen_ready=False)  # not in the middle of a build
        assert collector.on_tick(screen_ready=True)
        young_runs(2 * gc_tuning.VALVE_YOUNG_RUNS)
        collector.note_activity()
        assert collector.on_tick(screen_ready=False)  # twice as far: at once
    finally:
        collector.uninstall()
