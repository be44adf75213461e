"""Garbage collection kept out of the room's way: full collections only when nobody types.

CPython's cyclic collector has three generations. The young ones are cheap (they scan
only what was made since the last one). A full collection scans every object alive,
and with a stage of the full workshop on screen that is 150,000-250,000 objects, most
of them Textual's rendered lines (`Strip`) and their caches: 150-400 ms during which
the event loop stands still, the clock misses a repaint and typed keys wait. Python
starts one on its own whenever the old generation has grown by a quarter, which on a
stage change or during typing is every few seconds (about 45 in bench/drive_block.py's
minute of typing and switching).

`QuietCollector` moves them to moments nobody is typing:

- the automatic full collection is switched off (`gc.set_threshold`, third value);
  the young generations keep Python's defaults, so short-lived garbage still goes at once;
- on the app's tick, once no key has arrived and the stage on screen has been built
  and ready for `QUIET_SECONDS`, it runs the full collection itself (if the young
  generations have run since the last one: something could have become garbage);
- when nobody pauses (stage after stage, back to back), it collects anyway once the
  young generations have run `VALVE_YOUNG_RUNS` times since the last full collection
  (each run follows about 7,000 new objects; see `gc.get_count`), about once per
  stage change, as Python would. Waiting longer does not help: a full collection
  costs what is alive plus the garbage it waited for (a dead stage screen is 50,000
  objects in cycles), so with 40 runs there were 9 collections instead of 45 but each
  up to 1.3-4 s with two CPU burners (bench/README.md), and memory grew meanwhile.

`slim_strips()` makes each full collection cheaper: Textual gives every `Strip` seven
small caches, each its own object the collector must visit (84,000 of the 205,000
objects on the wrap-up stage). It gives each strip plain dicts instead, which the
collector skips while they are empty (most stay so), keeping a bounded cache only
where the keys are open-ended (screen offsets). This replaces `Strip.__init__`, a
private detail of the pinned Textual version: `tests/tui/test_gc_tuning.py` checks that
the original is still the one this copy was made from.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.segment import Segment

# No key for this long, and the stage built: a full collection will not be noticed.
QUIET_SECONDS = 2.0
# Young collections (each about 7,000 new objects) after which a full one runs anyway.
VALVE_YOUNG_RUNS = 12
# Fewer young collections than this since the last full one: nothing worth collecting.
MIN_YOUNG_RUNS = 3
# The third threshold: how many young-generation (gen1) runs before Python itself runs a
# full collection. Higher than a session ever reaches, so only this module runs them.
FULL_COLLECTION_OFF = 1_000_000_000

# The `textual.strip.Strip.__init__` that `slim_strips` replaces (Textual 8.2.8).
_STRIP_CACHES = (
    "_divide_cache",
    "_crop_cache",
    "_style_cache",
    "_filter_cache",
    "_line_length_cache",
    "_crop_extend_cache",
    "_offsets_cache",
)


class QuietCollector:
    """Runs the full garbage collection when the room is not typing (see the module)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_activity = clock()
        self._saved_threshold: tuple[int, int, int] | None = None
        # (when, seconds) of each full collection this ran, for benchmarks.
        self.collections: list[tuple[float, float]] = []

    @property
    def installed(self) -> bool:
        return self._saved_threshold is not None

    def install(self) -> None:
        """Take over full collections (process-wide: the real app only, not tests)."""
        if self._saved_threshold is None:
            self._saved_threshold = gc.get_threshold()
            young, middle, _ = self._saved_threshold
            gc.set_threshold(young, middle, FULL_COLLECTION_OFF)

    def uninstall(self) -> None:
        """Give Python its own thresholds back."""
        if self._saved_threshold is not None:
            gc.set_threshold(*self._saved_threshold)
            self._saved_threshold = None

    def note_activity(self) -> None:
        """A key or a paste arrived."""
        self._last_activity = self._clock()

    def on_tick(self, screen_ready: bool) -> bool:
        """Collect now if the room is quiet (or memory must not grow more); True if it did."""
        if self._saved_threshold is None:
            return False
        now = self._clock()
        if not screen_ready:
            self._last_activity = now  # building a stage is activity too
        young_runs = gc.get_count()[2]
        quiet = now - self._last_activity >= QUIET_SECONDS
        # The valve waits for a built stage too (a collection in the middle of a build
        # would add to it), unless memory has grown twice as far.
        valve = young_runs >= VALVE_YOUNG_RUNS * (1 if screen_ready else 2)
        if (quiet and young_runs >= MIN_YOUNG_RUNS) or valve:
            self.collect()
            return True
        return False

    def collect(self) -> None:
        started = time.perf_counter()
        gc.collect()
        self.collections.append((started, time.perf_counter() - started))


def slim_strips() -> bool:
    """Give Textual's `Strip` caches the collector skips while empty; False if not pinned."""
    from textual import strip as strip_module
    from textual.cache import FIFOCache

    strip_class = strip_module.Strip
    if getattr(strip_class.__init__, "_slim", False):
        return True
    if not strips_are_as_pinned():
        return False

    def __init__(
        self: strip_module.Strip, segments: Iterable[Segment], cell_length: int | None = None
    ) -> None:
        # As Textual's own, but plain dicts (untracked while empty) for the caches
        # whose keys are few; offsets (an x, y per place drawn) keep a bounded cache.
        self._segments = list(segments)
        self._cell_length = cell_length
        self._divide_cache = {}  # type: ignore[assignment]
        self._crop_cache = {}  # type: ignore[assignment]
        self._style_cache = {}  # type: ignore[assignment]
        self._filter_cache = {}  # type: ignore[assignment]
        self._line_length_cache = {}  # type: ignore[assignment]
        self._crop_extend_cache = {}  # type: ignore[assignment]
        self._offsets_cache = FIFOCache(4)
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    __init__._slim = True  # type: ignore[attr-defined]
    strip_class.__init__ = __init__  # type: ignore[method-assign]
    return True


def strips_are_as_pinned() -> bool:
    """True if `Strip` has exactly the slots and caches `slim_strips` was written for."""
    import inspect

    from textual.strip import Strip

    expected = {"_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"}
    if set(Strip.__slots__) != expected | set(_STRIP_CACHES):
        return False
    source = inspect.getsource(Strip.__init__)
    # Every cache is made in __init__ and only read with .get() and set with [key] = ...
    return all(f"self.{name}" in source for name in _STRIP_CACHES) and source.count(
        "FIFOCache("
    ) == len(_STRIP_CACHES)
