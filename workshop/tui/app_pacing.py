"""The facilitator's pacing keys: start/pause, +/- minutes, rebalance, end at, break, mute.

In a read-only window the clock belongs to the window editing the workshop: the
keys that change it are refused (the session says so once); mute stays local.

`PacingActions` is mixed into `WorkshopApp`: the `action_*` methods its bindings
call and the callbacks of the rebalance and end-at dialogs. `PacingCommands` offers
the same actions, and the stage keys, in the command palette (Ctrl+P): a Textual
command provider (`WorkshopApp.COMMANDS`) that runs them by name, so the palette
obeys `WorkshopApp.check_action` like the keys do. The dialogs and the timer are
imported when first used, so importing this module stays as light as `workshop.tui.app`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from workshop.tui.stage_stack import refresh_clocks

if TYPE_CHECKING:
    from textual.app import App

    from workshop.core.clock.pacing import RebalanceProposal
    from workshop.core.session.session import WorkshopSession

    _AppBase = App[None]
else:
    _AppBase = object

# The palette's pacing commands: what it says, the key that does the same, the action.
PACING_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Start or pause the clock", "F5", "toggle_clock"),
    ("Add 1 minute", "F6", "add_time(60)"),
    ("Add 5 minutes", "F7", "add_time(300)"),
    ("Take 1 minute away", "F8", "add_time(-60)"),
    ("Next stage", "Ctrl+N", "next_stage"),
    ("Back a stage", "Ctrl+B", "previous_stage"),
    ("Take a break, or end it", "F9", "toggle_break"),
    ("Rebalance the rest of the agenda", "F3", "rebalance"),
    ("End this stage at a set time", "F4", "end_at"),
    ("Mute or unmute the sound and flash", "F12", "toggle_mute"),
)


class PacingActions(_AppBase):
    """What the pacing keys and the palette's pacing commands do."""

    session: WorkshopSession | None

    # -- the clock ---------------------------------------------------------

    def action_toggle_clock(self) -> None:
        if self.session is None or not self.session.allow_change():
            return
        self.session.timer.toggle()
        self.session.checkpoint()
        refresh_clocks(self)

    def action_add_time(self, seconds: int) -> None:
        if self.session is None or not self.session.allow_change():
            return
        self.session.timer.add(seconds)
        self.session.checkpoint()
        refresh_clocks(self)

    # -- pacing -------------------------------------------------------------

    def action_rebalance(self) -> None:
        if self.session is None or not self.session.allow_change():
            return
        from workshop.tui.dialogs.rebalance import RebalanceScreen

        self.push_screen(RebalanceScreen(self.session.timer), self._on_rebalance)

    def _on_rebalance(self, proposal: RebalanceProposal | None) -> None:
        if proposal is None or self.session is None:
            return
        from workshop.tui.dialogs.rebalance import accept

        try:
            message = accept(self.session, proposal)
        except ValueError as error:
            self.notify(str(error), severity="warning")
            return
        self.notify(message)
        refresh_clocks(self)

    def action_end_at(self) -> None:
        if self.session is None or not self.session.allow_change():
            return
        if not self.session.timer.is_timed():
            self.notify("This stage has no clock to set.", severity="warning")
            return
        from workshop.tui.dialogs.end_at import EndAtScreen

        self.push_screen(EndAtScreen(self.session), self._on_end_at)

    def _on_end_at(self, seconds: float | None) -> None:
        if seconds is not None and self.session is not None:
            from workshop.tui.dialogs.end_at import ends_words

            self.notify(ends_words(self.session.timer, seconds))
        refresh_clocks(self)

    def action_toggle_break(self) -> None:
        if self.session is None or not self.session.allow_change():
            return
        from workshop.core.clock.timer import Mode

        timer = self.session.timer
        if timer.mode is Mode.BREAK:
            timer.end_break()
        elif timer.mode is Mode.STOPPED:
            self.notify("Start the clock (F5) before taking a break.", severity="warning")
            return
        else:
            # How long? "10" or "back at 10:45": the dialog starts the break and shows
            # it counting down on the full-screen clock.
            from workshop.tui.dialogs.break_length import ask_break_length

            ask_break_length(self)
            return
        self.session.checkpoint()
        refresh_clocks(self)

    def action_toggle_mute(self) -> None:
        if self.session is None:
            return
        muted = self.session.timer.toggle_mute()
        self.session.checkpoint()
        self.notify("Sound and flash off." if muted else "Sound and flash on.")
        refresh_clocks(self)


class PacingCommands(Provider):
    """The pacing actions as palette commands, once a workshop is open.

    A chosen command runs as if its key were pressed (`App.run_action`), after the
    palette has closed, so `WorkshopApp.check_action` decides as it does for the key.
    """

    def _commands(self) -> tuple[tuple[str, str, str], ...]:
        app = self.app
        if not isinstance(app, PacingActions) or app.session is None:
            return ()
        return PACING_COMMANDS

    async def discover(self) -> Hits:
        for title, key, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=f"Pacing · {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, key, action in self._commands():
            if (score := matcher.match(title)) > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    help=f"Pacing · {key}",
                )
