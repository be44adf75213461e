"""Set-up, before the clock starts: who is in the room, the period, and what the team builds on.

Everything autosaves as it is typed. The labels and hints come from the agenda's
set-up `fields`, so a re-worded agenda re-words this screen. List lines (people,
company OKRs) are stored only once something is typed in them, so an untouched
optional section leaves nothing behind. Stage minutes are saved through
`WorkshopSession.set_stage_minutes`, which keeps the stored agenda and the clock
in step.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, RadioButton, RadioSet

from workshop.core.agenda.model import SetupField
from workshop.core.domain import Approach
from workshop.core.session.session import (
    WORKSHOP,
    EarlierRun,
    WorkshopSession,
    period_problem,
    timezone_problem,
)
from workshop.core.textsafe import visible
from workshop.tui.dialogs.setup_picker import EarlierTimesPicker
from workshop.tui.screens.base import StageScreen
from workshop.tui.screens.company_keys import CompanyKeys
from workshop.tui.styles import STAGE_CSS
from workshop.tui.widgets.choice_button import ChoiceButton
from workshop.tui.widgets.fields import FieldInput, SaveTarget
from workshop.tui.widgets.setup_lists import ParentList, ParticipantList
from workshop.tui.widgets.setup_minutes import MinutesInput, StageMinutes

# The workshop's own text fields, in screen order; the agenda supplies labels and hints.
TEXT_FIELDS = ("team", "period", "facilitator", "champion", "timezone")

# Used when an agenda's set-up stage does not describe a field (e.g. a trimmed agenda).
FALLBACK_FIELDS = {
    "team": ("Team", "Whose OKRs we are writing today."),
    "period": ("Period", "The quarter we plan for, written like 2027-Q1."),
    "facilitator": ("Facilitator", "Runs the session and watches the clock."),
    "champion": ("OKR champion", "Looks after the team's OKRs between meetings."),
    "timezone": ("Time zone", "For the check-in calendar: an IANA name, e.g. Europe/London."),
    "participants": ("Participants", "Everyone taking part."),
    "approach": ("Approach", "Who sets objectives first?"),
}

MIN_PARTICIPANTS = 3  # when the agenda sets no limit


class SetupScreen(CompanyKeys, StageScreen):
    STAGE_KEY = "setup"
    CSS_PATH = STAGE_CSS

    BINDINGS = [
        Binding("ctrl+t", "toggle_approach", "Approach"),
        Binding("ctrl+r", "earlier_times", "Earlier times"),
        # Company OKRs written once and linked, and the alignment view (issue 18). Named
        # in the line under the company OKRs, not the footer, which is full already.
        Binding("ctrl+l", "company", "Company", show=False),
        Binding("f2", "alignment", "Alignment", show=False),
    ]

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__(session)
        # A brand-new workshop opens with next quarter and this machine's zone filled in.
        # They are suggestions: until the room edits one, putting the cursor in it
        # selects it whole, so the first key typed replaces it (as in any form).
        self.suggested: dict[str, str] = session.fill_defaults()
        self.fields = {
            name: SetupField(name=name, label=label, hint=hint)
            for name, (label, hint) in FALLBACK_FIELDS.items()
        } | {f.name: f for f in self.stage.fields}
        self.approaches = [a.approach for a in self.stage.approaches] or list(Approach)
        limits = session.agenda.limits
        self.min_participants = limits.min_participants or MIN_PARTICIPANTS
        self._loaded = False

    # -- layout ----------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        yield Label("The workshop", classes="section-title")
        with Vertical(id="workshop-fields"):
            for name in TEXT_FIELDS:
                with Vertical(classes="setup-cell"):
                    yield self._text_field(name)
                    yield Label(self.fields[name].hint, classes="field-hint", markup=False)
                    if name in ("period", "timezone"):
                        yield Label("", id=f"{name}-note", classes="field-note", markup=False)

        yield Label(self.fields["participants"].label, classes="section-title")
        yield Label("", id="participant-count", classes="count")
        yield Label(
            "Enter: next name · Enter on an empty line: move on · "
            "Backspace on an empty line: remove",
            classes="key-hint",
        )
        yield ParticipantList(self.session, id="participants")

        yield Label(self.fields["approach"].label, classes="section-title")
        yield Label(
            f"{self.fields['approach'].hint} (Ctrl+T switches)", classes="key-hint", markup=False
        )
        titles = {a.approach: a.title for a in self.stage.approaches}
        yield RadioSet(
            *(ChoiceButton(Text(titles.get(a, a.value.capitalize()))) for a in self.approaches),
            id="approach",
        )
        for info in self.stage.approaches:
            yield Label(
                f"{info.title}: {info.body}",
                id=f"approach-{info.approach.value}",
                classes="approach-info",
                markup=False,
            )

        yield Label("Company OKRs (optional)", classes="section-title")
        yield Label(
            "If the company has shared its OKRs for this period, list them: the team "
            "builds on them. If not, leave this empty.",
            classes="section-hint",
        )
        yield Label("Enter: next objective · Ctrl+O: add a key result under it", classes="key-hint")
        yield ParentList(self.session, id="parents")
        yield self.company_label()

        yield Label("Stage minutes", classes="section-title")
        yield Label(
            "Ctrl+R: start from the minutes an earlier workshop really took", classes="key-hint"
        )
        yield StageMinutes(self.session.agenda, id="stage-minutes")

    def _text_field(self, name: str) -> FieldInput:
        info = self.fields[name]
        field = FieldInput(
            target=SaveTarget(WORKSHOP, self.session.workshop_id, name),
            id=f"field-{name}",
            classes="setup-field",
        )
        field.border_title = info.label
        # Textual's own select-all on focus, for a suggestion only (FieldInput turns it
        # off: arrowing into the room's text and typing must never replace it).
        field.select_on_focus = name in self.suggested
        return field

    def _still_suggested(self, name: str) -> None:
        """Once a suggested field holds something else, it is the room's text."""
        field = self.query_one(f"#field-{name}", FieldInput)
        if name in self.suggested and field.value != self.suggested[name]:
            del self.suggested[name]
            field.select_on_focus = False

    # -- loading -------------------------------------------------------------------

    async def reload(self) -> None:
        focus_at = self._focus_position()
        workshop = self.session.load()
        with self.prevent(Input.Changed, RadioSet.Changed):
            for name in TEXT_FIELDS:
                field = self.query_one(f"#field-{name}", FieldInput)
                if field.value != getattr(workshop, name):
                    field.value = getattr(workshop, name)
                self._still_suggested(name)
            self._press_approach(workshop.approach)
        self._show_approach(workshop.approach)
        self._check_field("period")
        self._check_field("timezone")
        await self.query_one(ParticipantList).load(workshop)
        await self.query_one(ParentList).load(workshop)
        self.update_count()
        self.query_one(StageMinutes).show(self.session.agenda, values=True)
        self._restore_focus(focus_at)
        self._loaded = True
        self.show_company_link()

    def _focus_position(self) -> int | None:
        if not self._loaded or self.focused is None:
            return None
        chain = self.focus_chain
        return chain.index(self.focused) if self.focused in chain else None

    def _restore_focus(self, position: int | None) -> None:
        chain = self.focus_chain
        if position is not None and position < len(chain):
            chain[position].focus()
        elif not self._loaded:
            self.query_one("#field-team", FieldInput).focus()

    # -- the workshop's fields -----------------------------------------------------------

    @on(FieldInput.Changed, "#field-period, #field-timezone")
    def _recheck(self, event: FieldInput.Changed) -> None:
        name = event.input.id.removeprefix("field-") if event.input.id else ""
        self._check_field(name)
        self._still_suggested(name)

    def _check_field(self, name: str) -> None:
        value = self.query_one(f"#field-{name}", FieldInput).value
        problem = period_problem(value) if name == "period" else timezone_problem(value)
        note = self.query_one(f"#{name}-note", Label)
        note.update(problem or "")
        note.display = problem is not None

    # -- participants ----------------------------------------------------------------

    def update_count(self) -> None:
        count = len(self.query_one(ParticipantList).names)
        low = self.min_participants
        label = self.query_one("#participant-count", Label)
        people = "1 person" if count == 1 else f"{count} people"
        if count < low:
            label.update(f"{people} so far: the workshop needs at least {low}.")
        else:
            label.update(f"{people} taking part")
        label.set_class(count < low, "-warning")

    @on(FieldInput.Changed, ".participant")
    @on(ParticipantList.Edited)
    def _participants_changed(self) -> None:
        self.update_count()

    # -- approach ------------------------------------------------------------------

    def _press_approach(self, approach: Approach) -> None:
        if approach in self.approaches:
            buttons = list(self.query_one("#approach", RadioSet).query(RadioButton))
            buttons[self.approaches.index(approach)].value = True

    def _show_approach(self, approach: Approach) -> None:
        for label in self.query(".approach-info"):
            label.set_class(label.id == f"approach-{approach.value}", "-chosen")

    @on(RadioSet.Changed, "#approach")
    def _approach_chosen(self, event: RadioSet.Changed) -> None:
        approach = self.approaches[event.index]
        # A choice, not typing: save it now rather than on the next tick.
        self.session.edit(WORKSHOP, self.session.workshop_id, approach=approach)
        self.session.flush()
        self._show_approach(approach)

    def action_toggle_approach(self) -> None:
        radio = self.query_one("#approach", RadioSet)
        index = (radio.pressed_index + 1) % len(self.approaches)
        self._press_approach(self.approaches[index])

    # -- stage minutes ---------------------------------------------------------------

    @on(FieldInput.Changed, ".minutes-input")
    def _minutes_typed(self, event: FieldInput.Changed) -> None:
        changed = event.input
        assert isinstance(changed, MinutesInput)
        problem = ""
        # Only typing posts Changed (a FieldInput starts quietly); still, a value equal
        # to the stored one is no edit and writes nothing.
        stored = self.session.agenda.stage(changed.stage_key).minutes
        if changed.value and int(changed.value) != stored:
            try:
                self.session.set_stage_minutes(changed.stage_key, int(changed.value))
            except ValueError as error:
                problem = str(error)
        # Say what is still wrong anywhere in the list, not only in this field.
        for field in self.query(MinutesInput).results():
            if not field.value:
                title = self.session.agenda.stage(field.stage_key).title
                problem = problem or f"{title}: how many minutes? (0 to 600)"
        self.query_one(StageMinutes).show(self.session.agenda, problem)
        self.refresh_clock()

    def action_earlier_times(self) -> None:
        runs = self.session.earlier_runs()
        if not runs:
            self.notify(
                "No other workshop in this database has run its clock yet, "
                "so there are no real times to start from.",
                severity="warning",
            )
            return
        self.app.push_screen(EarlierTimesPicker(runs, self.session.agenda), self._use_times)

    def _use_times(self, run: EarlierRun | None) -> None:
        if run is None or not self.session.set_minutes(run.minutes):
            return  # refused in a read-only window (the session has said so)
        self.query_one(StageMinutes).show(self.session.agenda, values=True)
        self.refresh_clock()
        name = visible(run.summary.team) or "that workshop"
        self.notify(
            f"Stage minutes now follow {name}: {self.session.agenda.total_minutes} min in all.",
            markup=False,
        )
