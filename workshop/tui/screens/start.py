"""The first screen: resume a workshop from the database, or start a new one.

It is the first frame the room sees, so it does no work of its own: the app hands
it the workshop summaries (one query, through stdlib sqlite3 for a SQLite file)
and the stage titles. Nothing here imports the store.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from workshop.core.agenda.files import AgendaError
from workshop.core.agenda.kinds import WORKSHOP, kind_stage_titles
from workshop.core.agenda.kinds import title as kind_title
from workshop.core.textsafe import visible

if TYPE_CHECKING:
    from workshop.core.db.summaries import Summary
    from workshop.core.okr.meetings import MeetingOffer

NEW_WORKSHOP = "new"
NEW_PILOT = "new-pilot"  # plan an OKR pilot (issue 19)
OFFER = "offer-"  # an offered meeting's option id: "offer-0", "offer-1"...


def stage_name(index: int, titles: list[str]) -> str:
    """ "Set-up", or "Step 2: What matters most", as the clock panel numbers stages."""
    if not 0 <= index < len(titles):
        return "an unknown stage"
    return "Set-up" if index == 0 else f"Step {index}: {visible(titles[index])}"


def local_time(moment: dt.datetime) -> dt.datetime:
    # The store writes UTC; SQLite hands it back without a zone.
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone()


def describe(summary: Summary, titles: list[str]) -> Text:
    """Two lines: whose workshop, which period and when it changed; then how far it got."""
    kind = getattr(summary, "meeting_kind", WORKSHOP)
    if kind != WORKSHOP:
        return _describe_meeting(summary, kind)
    line = Text(visible(summary.team) or "Unnamed team", style="bold")
    line.append(f" · {visible(summary.period)}" if summary.period else " · no period yet")
    line.append(f" · changed {local_time(summary.updated_at):%d %b %H:%M}")
    line.append(f"\n  {stage_name(summary.current_stage, titles)} · {_counts(summary)}")
    return line


def _describe_meeting(summary: Summary, kind: str) -> Text:
    """A meeting after the workshop: its kind, the team and period, and its stage."""
    line = Text(f"{kind_title(kind)} · {visible(summary.team) or 'Unnamed team'}", style="bold")
    line.append(f" · {visible(summary.period)}" if summary.period else "")
    line.append(f" · changed {local_time(summary.updated_at):%d %b %H:%M}")
    try:
        titles = kind_stage_titles(kind)
        stage = visible(titles[summary.current_stage])
    except (AgendaError, IndexError, KeyError):
        stage = "an unknown stage"
    step = "Set-up" if summary.current_stage == 0 else f"Step {summary.current_stage}"
    line.append(f"\n  {step}: {stage}")
    return line


def offer_text(offer: MeetingOffer) -> Text:
    """ "▶ Check-in, Tuesday 12 January · Support · 2027-Q1"."""
    line = Text(f"▶ {offer.label}", style="bold")
    line.append(f" · {visible(offer.team) or 'Unnamed team'}")
    line.append(f" · {visible(offer.period)}" if offer.period else "")
    return line


def _counts(summary: Summary) -> str:
    if not summary.objective_count:
        return "no OKRs yet"
    objectives = _plural(summary.objective_count, "objective")
    return f"{objectives}, {_plural(summary.key_result_count, 'key result')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class StartScreen(Screen[int | None]):
    """Pick a workshop: posts `Chosen` with its id, or None for a new workshop.

    The screen stays up until the stage replaces it. Once a choice is made it takes no
    more keys (`keys_ready` is cleared): people start typing the team's name the moment
    they press Enter, and those keys wait in the key pump for the stage's first field.
    """

    CSS_PATH = "start.tcss"
    BINDINGS = [Binding("n", "new", "New workshop"), Binding("p", "new_pilot", "Plan a pilot")]

    def __init__(self, summaries: Sequence[Summary], stage_titles: list[str]) -> None:
        super().__init__(id="start")
        self.summaries = summaries
        self.stage_titles = stage_titles
        # Cleared by the choice: what is typed after it is for the stage (see key_pump).
        self.keys_ready = asyncio.Event()
        self.keys_ready.set()
        self._choice_made = False
        self.offers: list[MeetingOffer] = []

    class Shown(Message):
        """The start screen has been painted once (the app may start background work)."""

    class Chosen(Message):
        """A workshop was chosen: its id, or None for a new one."""

        def __init__(self, workshop_id: int | None) -> None:
            super().__init__()
            self.workshop_id = workshop_id

    class PilotChosen(Message):
        """The room chose to plan an OKR pilot (issue 19): a new pilot plan."""

    class MeetingChosen(Message):
        """An offered meeting (a check-in, a quarter-end review) was chosen."""

        def __init__(self, offer: MeetingOffer) -> None:
            super().__init__()
            self.offer = offer

    def add_offers(self, offers: Sequence[MeetingOffer]) -> None:
        """Offer the next meeting of each workshop whose OKRs are set, below "new"."""
        self.offers = list(offers)
        if not offers or not self.is_mounted:
            return
        workshops = self.query_one("#workshops", OptionList)
        highlighted = workshops.highlighted_option
        new, *rest = workshops.options
        options: list[Option | None] = [new]
        for i, offer in enumerate(offers):
            options += [None, Option(offer_text(offer), id=f"{OFFER}{i}")]
        for option in rest:
            options += [None, option]
        workshops.set_options(options)
        if highlighted is not None and highlighted.id is not None:
            workshops.highlighted = workshops.get_option_index(highlighted.id)

    def on_mount(self) -> None:
        if self.summaries:
            # The workshop changed last is the one the room is coming back to: a reflex
            # Enter after a restart resumes it (n still starts a new one).
            workshops = self.query_one("#workshops", OptionList)
            workshops.highlighted = workshops.get_option_index(str(self.summaries[0].id))
        self.call_after_refresh(self.post_message, self.Shown())

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Label("OKR Workshop", id="start-title")
            yield Label(
                "Two hours to write the team's objectives and key results.", id="start-subtitle"
            )
            if not self.summaries:
                yield Label(
                    "Welcome! There are no workshops here yet. Press Enter (or n) to set up "
                    "the first one: the team, the period and who is in the room.",
                    id="start-empty",
                )
            options: list[Option | None] = [
                Option(Text("＋ Start a new workshop", style="bold"), id=NEW_WORKSHOP)
            ]
            for summary in self.summaries:
                options += [None, Option(describe(summary, self.stage_titles), id=str(summary.id))]
            options += [None, Option(Text("＋ Plan an OKR pilot (p)", style="bold"), id=NEW_PILOT)]
            yield OptionList(*options, id="workshops")
        yield Footer()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        if choice == NEW_PILOT:
            self.action_new_pilot()
            return
        if choice and choice.startswith(OFFER):
            if not self._choice_made:
                self._choice_made = True
                self.keys_ready.clear()
                self.post_message(self.MeetingChosen(self.offers[int(choice[len(OFFER) :])]))
            return
        self._choose(None if choice == NEW_WORKSHOP else int(choice or 0))

    def action_new_pilot(self) -> None:
        if not self._choice_made:
            self._choice_made = True
            self.keys_ready.clear()
            self.post_message(self.PilotChosen())

    def action_new(self) -> None:
        self._choose(None)

    def _choose(self, workshop_id: int | None) -> None:
        if self._choice_made:
            return  # a second Enter while the first choice opens
        self._choice_made = True
        self.keys_ready.clear()
        self.post_message(self.Chosen(workshop_id))
