"""The live coach panel on its own: debouncing, the formula, severities, counts, safety."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from workshop.core.agenda.model import Formula
from workshop.core.coach import Finding, Severity, judge_key_result, judge_objective
from workshop.core.domain import KeyResult
from workshop.tui.widgets.coach_panel import CoachPanel

FORMULA = Formula(text="Verb + what + so that + why", example="Make help pages useful")


class PanelApp(App[None]):
    CSS_PATH = "../../workshop/tui/widgets/coach_panel.tcss"

    def __init__(self, delay: float = 30.0) -> None:
        super().__init__()
        self.delay = delay

    def compose(self) -> ComposeResult:
        yield Input(id="draft")
        yield CoachPanel(FORMULA, delay=self.delay, id="coach")


def body(panel: CoachPanel) -> str:
    return str(panel.query_one(".coach-body").render())


def heading(panel: CoachPanel) -> str:
    return str(panel.query_one(".coach-heading").render())


async def test_an_empty_draft_shows_the_formula():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        panel.show_objective("   ")
        panel.flush()
        await pilot.pause()
        assert panel.findings == []
        assert "Verb + what + so that + why" in body(panel)
        assert "Make help pages useful" in body(panel)


async def test_judging_waits_for_the_typing_to_pause():
    app = PanelApp()  # a long delay: only flush() can run the judgement here
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        panel.show_objective("Increase revenue")
        panel.show_objective("Increase revenue by 20%")
        await pilot.pause()
        assert panel.pending and panel.findings == []
        panel.flush()
        assert not panel.pending
        # Only the latest draft was judged.
        assert panel.findings and {f.rule for f in panel.findings} == {
            f.rule for f in judge_objective("Increase revenue by 20%")
        }


async def test_serious_findings_read_as_rework_even_without_colour():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        panel.show_objective("Increase revenue by 20%")
        panel.flush()
        await pilot.pause()
        assert panel.findings[0].severity is Severity.SERIOUS  # serious ones come first
        assert "Rework" in heading(panel)
        assert body(panel).startswith("Rework:")
        assert panel.has_class("-serious")
        assert panel.findings[0].hint in body(panel)


async def test_a_good_draft_says_so():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        text = "Make our help pages the first place customers look, so that they help themselves"
        assert not [f for f in judge_objective(text) if f.severity is Severity.SERIOUS]
        panel.show_objective(text)
        panel.flush()
        await pilot.pause()
        assert "Rework" not in heading(panel)
        assert not panel.has_class("-serious")


async def test_key_results_are_judged_with_their_siblings_and_period():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        kr = KeyResult(text="Launch the new website")
        panel.show_key_result(kr, siblings=["Grow visits from 1,000 to 2,000"], period="2027-Q1")
        panel.flush()
        await pilot.pause()
        expected = judge_key_result(
            kr, siblings=["Grow visits from 1,000 to 2,000"], period="2027-Q1"
        )
        assert {f.rule for f in panel.findings} == {f.rule for f in expected}
        assert panel.subject == "key result"


async def test_counts_show_at_once_and_hide_when_there_are_none():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        counts = panel.query_one(".coach-counts")
        too_many = Finding("counts.objectives", Severity.SERIOUS, "You have 6 objectives.", "Cut")
        panel.show_counts([too_many])
        await pilot.pause()
        assert counts.display
        assert "Rework: You have 6 objectives." in str(counts.render())
        panel.show_counts([])
        await pilot.pause()
        assert not counts.display


async def test_the_panel_never_takes_focus_and_typing_goes_on():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        assert not panel.can_focus
        await pilot.press("tab", "tab")
        assert app.focused is app.query_one("#draft")
        await pilot.press(*"abc")
        assert app.query_one("#draft", Input).value == "abc"


async def test_control_characters_in_findings_are_shown_harmlessly():
    app = PanelApp()
    async with app.run_test() as pilot:
        panel = app.query_one(CoachPanel)
        panel.show_findings(
            [Finding("x", Severity.ADVICE, "Odd \x1b[2J text [b]here[/b]", "hint")], "objective"
        )
        await pilot.pause()
        shown = body(panel)
        assert "\x1b" not in shown
        assert "␛[2J text [b]here[/b]" in shown  # literal, not markup


def finding(message: str, hint: str = "") -> Finding:
    return Finding("test.rule", Severity.ADVICE, message, hint)


async def test_the_panel_grows_and_shrinks_with_its_findings_and_repaints_in_place():
    app = PanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        panel = app.query_one(CoachPanel)
        text = panel.query_one(".coach-body")
        panel.show_findings([finding("One line")], "key result")
        await pilot.pause()
        assert text.size.height == 1
        # More lines: the panel is laid out again, taller, and shows them all.
        panel.show_findings([finding("First", "its hint"), finding("Second")], "key result")
        await pilot.pause()
        assert text.size.height == 3
        assert panel.size.height == 1 + 3  # the heading, then the findings
        # The same height: redrawn where it is, with the new words.
        panel.show_findings([finding("Third", "another hint"), finding("Fourth")], "key result")
        await pilot.pause()
        assert text.size.height == 3
        assert "Third" in body(panel) and "First" not in body(panel)
        # Fewer lines: smaller again.
        panel.show_findings([], "key result")
        await pilot.pause()
        assert text.size.height == 1
        assert "Nothing to fix" in body(panel)
