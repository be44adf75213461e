"""Garbage collection kept out of the room's way: full scans only of what is new.

CPython's cyclic collector has three generations. The young ones are cheap (they scan
only what was made since the last one). A full collection scans every object alive,
and with a stage of the full workshop on screen that is 150,000-250,000 objects, most
of them Textual's rendered lines (`Strip`) and their caches: 150-400 ms during which
the event loop stands still, the clock misses a repaint and typed keys wait. Python
starts one on its own whenever the old generation has grown by a quarter, which on a
stage change or during typing is every few seconds.

`QuietCollector` makes a full collection cost only what is new:

- Python's automatic full collection is off (`gc.set_threshold`, third value); the
  young generations keep Python's defaults, so short-lived garbage still goes at once.
- *Settle*: on the app's tick, after each young-generation run (about 7,000 new
  objects), it collects what is not frozen and freezes what survived (`gc.freeze()`):
  the stage's widgets, the workshop, the caches. Later scans skip them, so a settle
  costs what was made since the last one (5-60 ms), not the 250,000 objects alive.
- *Removed widgets go by reference counting* (`release_removed_widgets`). A frozen
  object that becomes garbage in a reference cycle stays until the next unfreeze
  (`gc.freeze()` alone was measured and rejected: +90 MB a walk through the stages),
  and each stage change leaves a whole screen, 20,000-60,000 objects, in cycles. Once
  Textual has removed a widget (its last step, `Widget._message_loop_exit`), the few
  references that close its cycles are cut (`release_widget`: its style objects point
  back at it, its stopped timers hold its own methods, a screen's compositor holds the
  screen, Textual's `LRUCache`s are rings of lists, the virtual nodes that give it its
  component styles point at themselves). A dead screen is then freed the moment it is
  dropped, frozen or not, without a collection: after a walk through every stage, the
  frozen set holds about 6,000 objects of garbage instead of 86,000.
- *Reclaim*: the garbage that still ends up frozen (small cycles made while drawing) is
  collected by `gc.unfreeze()`, a full collection and `gc.freeze()` again, a scan of
  everything (200-400 ms), run at a quiet moment (no key for `QUIET_SECONDS`, the stage
  built) once the frozen set has grown by `RECLAIM_QUIET_OBJECTS` since the last one,
  and, so that memory stays bounded when nobody ever pauses, at the next built stage
  once it has grown by `RECLAIM_LIMIT_OBJECTS` (about 60 MB).

*Counting the frozen set* is itself a walk of it: `gc.get_freeze_count()` follows a
linked list of every frozen object (250,000-600,000), 20-70 ms a call, and the tick
asked it four times a second (measured: up to 400 ms of one stage change, ticks that
waited for a repaint running together). The tick decides with an upper bound instead:
the count when last counted plus what each settle has frozen since (`len(gc.get_objects())`
after its collection, only the new survivors). Objects only leave the frozen set (freed
by reference counting) between counts, so the bound is never too low; the set is counted
again only when the bound reaches a reclaim's threshold.

`slim_strips()` makes each collection cheaper: Textual gives every `Strip` seven small
caches, each its own object the collector must visit (84,000 of the 205,000 objects on
the wrap-up stage). It gives each strip plain dicts instead, which the collector skips
while they are empty (most stay so), keeping a bounded cache only where the keys are
open-ended (screen offsets); and its copy of `Strip.divide` does not cache a strip cut
in one piece (itself), which made most strips a cycle. These replace private details
of the pinned Textual version, like the attributes `release_widget` cuts:
`tests/tui/test_gc_tuning.py` checks them against the installed Textual.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.segment import Segment
    from textual.css.styles import RenderStyles
    from textual.dom import DOMNode

# No key for this long, and the stage built: a whole scan will not be noticed.
QUIET_SECONDS = 2.0
# Young collections (each about 7,000 new objects) after which what is new is frozen.
SETTLE_YOUNG_RUNS = 1
# Growth of the frozen set since the last reclaim worth a whole scan at a quiet moment,
RECLAIM_QUIET_OBJECTS = 20_000
# and the growth (about 150 bytes an object) at which it runs anyway, at a built stage.
RECLAIM_LIMIT_OBJECTS = 400_000
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
# The lines of Textual's `Strip.divide` that `slim_strips`'s copy keeps (Textual 8.2.8).
_DIVIDE_LINES = (
    "cuts = [cut for cut in cuts if cut <= cell_length]",
    "cache_key = tuple(cuts)",
    "if cuts == [cell_length]:",
    "strips = [self]",
    "zip(Segment.divide(self._segments, cuts), cuts)",
    "add_strip(Strip(segments, cut - pos))",
    "self._divide_cache[cache_key] = strips",
)
# Timers a removed widget keeps (stopped) whose callback is one of its own methods.
_OWN_TIMERS = ("_blink_timer", "_Screen__update_timer")


class QuietCollector:
    """Runs the full garbage collection over what is new (see the module)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_activity = clock()
        self._saved_threshold: tuple[int, int, int] | None = None
        # The frozen set's size after the last reclaim (or the first tick).
        self._frozen_baseline: int | None = None
        # The frozen set's size when last counted (a walk of it), and how many objects
        # settles have frozen since: their sum bounds its size now from above.
        self._frozen_counted: int | None = None
        self._frozen_since_count = 0
        # gc.get_count()[2] (young runs since a full collection) after the last settle.
        self._young_runs_seen = 0
        # (when, seconds, what) of each collection this ran, for benchmarks: what is
        # "settle" or "reclaim".
        self.collections: list[tuple[float, float, str]] = []

    @property
    def installed(self) -> bool:
        return self._saved_threshold is not None

    def install(self) -> None:
        """Take over full collections (process-wide: the real app only, not tests)."""
        if self._saved_threshold is None:
            self._saved_threshold = gc.get_threshold()
            young, middle, _ = self._saved_threshold
            gc.set_threshold(young, middle, FULL_COLLECTION_OFF)
            release_removed_widgets()

    def uninstall(self) -> None:
        """Give Python its own thresholds back, and unfreeze what this froze."""
        if self._saved_threshold is not None:
            gc.set_threshold(*self._saved_threshold)
            self._saved_threshold = None
            gc.unfreeze()

    def note_activity(self) -> None:
        """A key or a paste arrived."""
        self._last_activity = self._clock()

    @property
    def frozen_growth(self) -> int:
        """Objects frozen since the last reclaim (alive, or garbage held in the frozen set).

        Counted: a walk of the whole frozen set (see the module), 20-70 ms in the app.
        """
        count = gc.get_freeze_count()
        if self._frozen_baseline is None:
            # What the app froze at start-up is not growth.
            self._frozen_baseline = count
        self._frozen_counted = count
        self._frozen_since_count = 0
        return count - self._frozen_baseline

    def _growth_at_most(self) -> int:
        """An upper bound on `frozen_growth`, without counting unless never counted."""
        if self._frozen_counted is None or self._frozen_baseline is None:
            return self.frozen_growth
        return self._frozen_counted - self._frozen_baseline + self._frozen_since_count

    def on_tick(self, screen_ready: bool) -> str | None:
        """Collect what is due now; "settle", "reclaim", or None if nothing ran."""
        if self._saved_threshold is None:
            return None
        now = self._clock()
        if not screen_ready:
            self._last_activity = now  # building a stage is activity too
        quiet = now - self._last_activity >= QUIET_SECONDS
        due = RECLAIM_QUIET_OBJECTS if quiet else RECLAIM_LIMIT_OBJECTS
        # Counted only when the bound says a reclaim may be due (see the module).
        if screen_ready and self._growth_at_most() >= due and self.frozen_growth >= due:
            self.reclaim()
            return "reclaim"
        if self._young_runs() >= SETTLE_YOUNG_RUNS:
            self.settle()
            return "settle"
        return None

    def _young_runs(self) -> int:
        """Young-generation (gen1) collections since the last settle."""
        runs = gc.get_count()[2]  # reset by a full collection
        if runs < self._young_runs_seen:
            self._young_runs_seen = 0
        return runs - self._young_runs_seen

    def settle(self) -> None:
        """Collect what is not frozen (what is new since the last settle), then freeze it."""
        started = time.perf_counter()
        gc.collect()
        # What survived is all that is not frozen yet: what the freeze adds to the set.
        self._frozen_since_count += len(gc.get_objects())
        gc.freeze()
        self._young_runs_seen = gc.get_count()[2]
        self.collections.append((started, time.perf_counter() - started, "settle"))

    def reclaim(self) -> None:
        """Collect everything, frozen or not (a whole scan), and freeze what survived."""
        started = time.perf_counter()
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._frozen_baseline = self._frozen_counted = gc.get_freeze_count()
        self._frozen_since_count = 0
        self._young_runs_seen = 0
        self.collections.append((started, time.perf_counter() - started, "reclaim"))


def release_removed_widgets() -> bool:
    """Cut each widget's cycles once Textual has removed it; False if Textual is not as pinned.

    Wraps `Widget._message_loop_exit` (private, Textual 8.2.8), the last thing Textual
    does with a widget it removes (a stage screen, a dialog, a list row, a footer key):
    after it, the widget is unmounted, detached and unregistered.
    """
    from textual.cache import LRUCache
    from textual.widget import Widget

    textual_exit = Widget._message_loop_exit
    if getattr(textual_exit, "_releases", False):
        return True
    if not widgets_are_as_pinned():
        return False

    async def _message_loop_exit(self: Widget) -> None:
        # Textual clears these as it removes the widget: note them first.
        virtual = list(self._component_styles.values())
        rings = [cache for cache in vars(self).values() if isinstance(cache, LRUCache)]
        links = [link for cache in rings for link in cache._cache.values()]
        await textual_exit(self)
        release_widget(self, virtual)
        for link in links:
            link.clear()  # an LRUCache's entries are a ring of lists
        for cache in rings:
            cache.clear()

    _message_loop_exit._releases = True  # type: ignore[attr-defined]
    _message_loop_exit.__wrapped__ = textual_exit  # type: ignore[attr-defined]
    Widget._message_loop_exit = _message_loop_exit  # type: ignore[method-assign]
    return True


def release_widget(widget: DOMNode, component_styles: Iterable[RenderStyles]) -> None:
    """Cut the references that keep a removed widget in cycles (Textual 8.2.8's attributes).

    What is cut is what Textual itself checks for None (a style's node, a timer's
    callback, the compositor's root) or a cache it rebuilds (a node list's displayed
    children); `component_styles` are the styles Textual read from virtual nodes.
    """
    widget._css_styles.node = None
    widget._inline_styles.node = None
    children = widget._nodes
    children._displayed_nodes = (-1, [])
    children._displayed_visible_nodes = (-1, [])
    for name in _OWN_TIMERS:
        timer = getattr(widget, name, None)
        if timer is not None:
            timer._callback = None
    compositor = getattr(widget, "_compositor", None)
    if compositor is not None:  # a screen
        compositor.root = None
        widget._layout_widgets.clear()  # type: ignore[attr-defined]
    for styles in component_styles:
        # The virtual node Textual made to read a component class's styles.
        styles._base_styles.node = None
        styles._inline_styles.node = None


def widgets_are_as_pinned() -> bool:
    """True if Textual's widgets have the attributes `release_widget` cuts, as pinned."""
    import inspect

    from textual._node_list import NodeList
    from textual.css.styles import RenderStyles, Styles
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget
    from textual.widgets import Input

    textual_exit = Widget._message_loop_exit
    textual_exit = getattr(textual_exit, "__wrapped__", textual_exit)
    sources = {
        cls: inspect.getsource(cls)
        for cls in (Widget, Screen, NodeList, RenderStyles, Timer, Input, Styles)
    }
    return (
        "self._component_styles.clear()" in inspect.getsource(textual_exit)
        and "_displayed_nodes" in sources[NodeList]
        and "_displayed_visible_nodes" in sources[NodeList]
        and "self._base_styles = base" in sources[RenderStyles]
        and "if self._callback is not None" in sources[Timer]
        and "self._blink_timer" in sources[Input]
        and "self.__update_timer" in sources[Screen]
        and "self._layout_widgets: dict" in sources[Screen]
        and "node: DOMNode | None = None" in sources[Styles]
    )


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

    def divide(self: strip_module.Strip, cuts: Iterable[int]) -> Sequence[strip_module.Strip]:
        # As Textual's own, but a strip cut in one piece, itself, is not cached: that
        # cache entry made each such strip a cycle (strip, cache, list, strip), garbage
        # for the full collection when the strip is dropped, most of a screen's strips.
        pos = 0
        cell_length = self.cell_length
        cuts = [cut for cut in cuts if cut <= cell_length]
        if cuts == [cell_length]:
            return [self]
        cache_key = tuple(cuts)
        if (cached := self._divide_cache.get(cache_key)) is not None:
            return cached
        strips: list[strip_module.Strip] = []
        add_strip = strips.append
        pieces = strip_module.Segment.divide(self._segments, cuts)
        for segments, cut in zip(pieces, cuts, strict=False):
            add_strip(strip_class(segments, cut - pos))
            pos = cut
        self._divide_cache[cache_key] = strips
        return strips

    __init__._slim = True  # type: ignore[attr-defined]
    strip_class.__init__ = __init__  # type: ignore[method-assign]
    strip_class.divide = divide  # type: ignore[method-assign]
    return True


def strips_are_as_pinned() -> bool:
    """True if `Strip` has exactly the slots and caches `slim_strips` was written for."""
    import inspect

    from textual.strip import Strip

    expected = {"_segments", "_cell_length", "_render_cache", "_link_ids", "_cell_count"}
    if set(Strip.__slots__) != expected | set(_STRIP_CACHES):
        return False
    source = inspect.getsource(Strip.__init__)
    divide = inspect.getsource(Strip.divide)
    # Every cache is made in __init__ and only read with .get() and set with [key] = ...
    return (
        all(f"self.{name}" in source for name in _STRIP_CACHES)
        and source.count("FIFOCache(") == len(_STRIP_CACHES)
        and all(line in divide for line in _DIVIDE_LINES)
    )
