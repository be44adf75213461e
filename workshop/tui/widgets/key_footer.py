"""The stage footer: Textual's `Footer`, rebuilt only when the keys it shows change.

Textual's footer rebuilds itself (about twenty widgets, each laid out again) whenever
the screen says its bindings may have changed, which it says on every move of the
cursor: a Tab on the full key results stage spent most of its time there. Moving from
field to field rarely changes the keys on offer, so this footer first compares what it
would show with what it shows.

Hints that do not fit are left out whole rather than cut mid-word ("f9 Brea"), and at
80 columns the keys sit closer together (`compact`), so more of them fit. Every key is
still in the command palette (Ctrl+P), whose hint stays at the right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.reactive import Reactive
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

# Narrower than this (columns), the footer packs its keys closer together.
COMPACT_BELOW = 110

_KeysShown = tuple[tuple[object, ...], ...]


def keys_shown(screen: Screen) -> _KeysShown:
    """What the footer draws for `screen`: each shown key, its words, whether it works."""
    return tuple(
        (
            binding.key,
            binding.action,
            binding.description,
            binding.key_display,
            binding.group,
            enabled,
            tooltip,
        )
        for _, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A footer that rebuilds only when the keys on offer change (see the module)."""

    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel {
        margin: 0 1 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: _KeysShown | None = None
        self._width = 0
        # What the hints were last built for (keys, width, compact): a rebuild asked for
        # twice as a stage opens (its keys arrive, its width arrives) is done once.
        self._built_for: tuple[_KeysShown | None, int, bool] | None = None

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.recompose)  # what was left out may fit now

    def compose(self) -> ComposeResult:
        # Textual's keys start out compact and are then bound to the footer's setting,
        # so each key's "-compact" class flipped once or twice as it was mounted, and
        # each flip restyled it: about 8 ms of a stage's opening went there. Each key
        # gets its setting before it is mounted: the footer's, or compact for the
        # palette's key, which Textual does not bind. (Keys inside a group, the clock's
        # F6-F8, are composed into it out of reach here and still flip.)
        for widget in super().compose():
            compact = getattr(type(widget), "compact", None)
            if isinstance(compact, Reactive):
                value = widget.has_class("-command-palette") or self.compact
                widget.set_reactive(compact, value)
                widget.set_class(value, "-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        wanted = (self._shown, self._width, self.compact)
        if wanted == self._built_for:
            return  # built for exactly this already, and measured after it
        self._built_for = wanted
        await super().recompose()
        self.call_after_refresh(self._leave_out_what_is_cut)

    def _leave_out_what_is_cut(self, tries: int = 5) -> None:
        """Hide the first hint that runs past the edge (or the palette's hint) and those after."""
        children = [child for child in self.children if child.display]
        if tries and any(not child.region for child in children):
            # Not laid out yet (a rebuild that came after the refresh this waited for):
            # measure after the next one, or a hint drawn past the edge stays half there.
            self.call_after_refresh(self._leave_out_what_is_cut, tries - 1)
            return
        palette = [child for child in children if child.has_class("-command-palette")]
        edge = palette[0].region.x if palette else self.region.right
        cut = False
        for child in children:
            if child in palette:
                continue
            # A key's hint ends in a blank, which may go under the palette's border.
            slack = 1 if getattr(child, "action", None) else 0
            cut = cut or child.region.right - slack > edge
            if cut:
                child.display = False

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            keys = keys_shown(screen)
            if keys == self._shown:
                return
            # The footer is rebuilt from these now (Footer.bindings_changed).
            self._shown = keys
        super().bindings_changed(screen)
