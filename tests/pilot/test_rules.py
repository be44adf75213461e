"""The pilot plan's advice: sizes, duration, test order, the change checklist, next steps."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.core.pilot.plan import (
    ChangeElement,
    InPlace,
    PilotAspect,
    PilotChange,
    PilotDuration,
    PilotRisk,
    PilotScope,
    PilotStep,
    PilotTest,
    ScopeKind,
    StepKind,
)
from workshop.core.pilot.rules import (
    ASPECTS,
    CHALLENGES,
    ELEMENTS,
    RECOMMENDED_ORDER,
    RISKS,
    change_finding,
    change_summary,
    due_problem,
    duration_warning,
    group_size_warning,
    headcount_problem,
    missing_elements,
    new_plan,
    order_warnings,
    parse_due,
    parse_headcount,
    problems_of_test,
    quarterly_growth,
    scope_count,
    scope_warnings,
    small_organisation_note,
    step_problems,
    suggested_duration,
)

# -- reading what the room types ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("400", 400),
        (" 1,200 ", 1200),
        ("1.200", 1200),
        ("1 200", 1200),
        ("about 350", 350),
        ("~ 80 people", 80),
        ("2.5k", 2500),
        ("3k employees", 3000),
        ("Approx. 600 staff", 600),
    ],
)
def test_headcounts_people_write_are_read(text: str, expected: int) -> None:
    assert parse_headcount(text) == expected


@pytest.mark.parametrize("text", ["", "lots", "12 teams", "0", "-40", "4OO", "1e6", "99999999999"])
def test_what_is_not_a_headcount_is_not_read(text: str) -> None:
    assert parse_headcount(text) is None


def test_an_unreadable_size_gets_one_line_an_empty_one_none() -> None:
    assert headcount_problem("", "organisation's size") is None
    assert headcount_problem("1200", "organisation's size") is None
    problem = headcount_problem("big", "organisation's size")
    assert problem is not None and "\n" not in problem and "number of people" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("15 Mar 2027", dt.date(2027, 3, 15)),
        ("15  March 2027", dt.date(2027, 3, 15)),
        ("March 15 2027", dt.date(2027, 3, 15)),
        ("2027-02-30", None),
        ("next week", None),
        ("15/03/2027", None),  # day/month or month/day: ambiguous, so not guessed
        ("", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_due(text) == expected


def test_an_unreadable_date_names_the_format() -> None:
    assert due_problem("") is None
    assert due_problem("2027-01-31") is None
    assert due_problem("soon") == "Write the date as 2027-03-15."


# -- stage 1: why a pilot ---------------------------------------------------------------


def test_four_risks_each_with_its_own_words() -> None:
    assert [r.risk for r in RISKS] == list(PilotRisk)
    assert len({r.title for r in RISKS}) == 4
    assert all(r.detail.endswith(".") for r in RISKS)


@pytest.mark.parametrize("size", ["12", "150", "300", "about 300"])
def test_up_to_300_people_the_pilot_is_questioned(size: str) -> None:
    note = small_organisation_note(size)
    assert note is not None
    assert "costs more than it teaches" in note
    assert "Carry on" in note  # the room may go ahead anyway


@pytest.mark.parametrize("size", ["301", "1,200", "", "unknown"])
def test_above_300_or_unknown_there_is_no_such_note(size: str) -> None:
    assert small_organisation_note(size) is None


# -- stage 3: the test group ---------------------------------------------------------------


@pytest.mark.parametrize("size", ["50", "120", "500"])
def test_a_group_of_50_to_500_gets_no_warning(size: str) -> None:
    assert group_size_warning(size, "2000") is None


def test_a_group_under_50_is_too_small() -> None:
    warning = group_size_warning("49", "2000")
    assert warning is not None and "small" in warning and "50" in warning


def test_a_group_over_500_is_too_large() -> None:
    warning = group_size_warning("501", "5000")
    assert warning is not None and "large" in warning and "500" in warning


def test_a_group_larger_than_the_organisation_says_so() -> None:
    assert group_size_warning("400", "300") == (
        "The test group (400) is larger than the organisation (300)."
    )


def test_a_group_size_that_is_not_a_number_gets_one_line() -> None:
    assert group_size_warning("two teams") == (
        "Write the test group's size as a number of people, such as 400 or 1,200."
    )
    assert group_size_warning("") is None


def _scope(*rows: tuple[ScopeKind, str, bool]) -> list[PilotScope]:
    return [PilotScope(kind=k, name=n, covered=c) for k, n, c in rows]


L, D = ScopeKind.LEVEL, ScopeKind.DEPARTMENT


def test_one_level_and_one_department_each_warn() -> None:
    scope = _scope((L, "Team leads", True), (L, "Leaders", False), (D, "Sales", True))
    assert scope_count(scope).levels == 1
    warnings = scope_warnings(scope)
    assert len(warnings) == 2
    assert warnings[0].startswith("Only one level")
    assert warnings[1].startswith("Only one department")


def test_two_levels_and_two_departments_are_enough() -> None:
    scope = _scope(
        (L, "Leaders", True), (L, "Team leads", True), (D, "Sales", True), (D, "Ops", True)
    )
    assert scope_warnings(scope) == []


def test_nothing_ticked_asks_for_levels_and_departments() -> None:
    warnings = scope_warnings(_scope((L, "Leaders", False), (D, "Sales", False)))
    assert [w.split(":")[0] for w in warnings] == [
        "No level ticked yet",
        "No department ticked yet",
    ]


def test_a_ticked_row_without_a_name_does_not_count() -> None:
    scope = _scope((D, "  ", True), (D, "Sales", True), (L, "A", True), (L, "B", True))
    assert scope_count(scope).departments == 1
    assert scope_warnings(scope) == [w for w in scope_warnings(scope) if "department" in w]


# -- stage 4: duration -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("301", PilotDuration.MONTHS),
        ("500", PilotDuration.MONTHS),
        ("501", PilotDuration.YEAR),
        ("12,000", PilotDuration.YEAR),
        ("", None),
        ("many", None),
    ],
)
def test_the_suggested_duration_follows_the_organisations_size(
    size: str, expected: PilotDuration | None
) -> None:
    assert suggested_duration(size) is expected


def test_the_suggested_duration_gets_no_warning() -> None:
    assert duration_warning(PilotDuration.MONTHS, "400") is None
    assert duration_warning(PilotDuration.YEAR, "4000") is None
    assert duration_warning(None, "4000") is None


def test_a_short_pilot_in_a_large_organisation_is_questioned() -> None:
    warning = duration_warning(PilotDuration.MONTHS, "4,000")
    assert warning is not None and "4,000" in warning and "a year is usual" in warning


def test_a_year_in_a_medium_organisation_is_questioned() -> None:
    warning = duration_warning(PilotDuration.YEAR, "400")
    assert warning is not None and "three to six months" in warning


def test_two_weeks_always_says_what_it_cannot_show() -> None:
    for size in ("", "400", "4000"):
        warning = duration_warning(PilotDuration.TWO_WEEKS, size)
        assert warning is not None and "sensible OKRs" in warning


def test_a_year_grows_every_quarter_to_the_whole_organisation() -> None:
    assert quarterly_growth("200", "2,000") == [200, 800, 1400, 2000]
    assert quarterly_growth("200", "") is None
    assert quarterly_growth("2000", "2000") is None


# -- stage 5: what to test, in order -----------------------------------------------------------


def test_the_five_aspects_in_the_documents_order() -> None:
    assert RECOMMENDED_ORDER == (
        PilotAspect.CONCEPTUAL_FIT,
        PilotAspect.LEADERSHIP,
        PilotAspect.BROAD,
        PilotAspect.TECHNOLOGY,
        PilotAspect.SCALE,
    )
    assert all(a.question.endswith("?") for a in ASPECTS)


def _tests(*rows: tuple[PilotAspect, str]) -> list[PilotTest]:
    return [PilotTest(aspect=a, question="Q?", owner="Ana", due=d) for a, d in rows]


def test_the_usual_order_with_rising_dates_has_no_warning() -> None:
    tests = _tests(*((a, f"2027-0{i + 1}-01") for i, a in enumerate(RECOMMENDED_ORDER)))
    assert order_warnings(tests) == []


def test_an_aspect_before_its_predecessor_is_flagged_once() -> None:
    order = [PilotAspect.SCALE, PilotAspect.CONCEPTUAL_FIT, PilotAspect.LEADERSHIP]
    warnings = order_warnings(_tests(*((a, "") for a in order)))
    assert warnings == [
        "Conceptual fit usually comes before Scale: each stage builds on the one before."
    ]


def test_dates_running_backwards_are_flagged_skipping_unreadable_ones() -> None:
    tests = _tests(
        (PilotAspect.CONCEPTUAL_FIT, "2027-03-01"),
        (PilotAspect.LEADERSHIP, "soon"),
        (PilotAspect.BROAD, "2027-02-01"),
    )
    assert order_warnings(tests) == [
        "Broad engagement is dated before Conceptual fit, which comes earlier in the plan."
    ]


def test_each_test_needs_a_question_an_owner_and_a_readable_date() -> None:
    test = PilotTest(aspect=PilotAspect.SCALE, question=" ", owner="", due="")
    assert problems_of_test(test) == ["needs a question", "needs an owner", "needs a date"]
    test = PilotTest(aspect=PilotAspect.SCALE, question="Q?", owner="Bo", due="Friday")
    assert problems_of_test(test) == ["date as 2027-03-15"]
    test = PilotTest(aspect=PilotAspect.SCALE, question="Q?", owner="Bo", due="2027-06-30")
    assert problems_of_test(test) == []


# -- stage 6: the change checklist ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("element", "failure"),
    [
        (ChangeElement.VISION, "confusion"),
        (ChangeElement.SKILLS, "anxiety"),
        (ChangeElement.INCENTIVES, "slow change or resistance"),
        (ChangeElement.RESOURCES, "frustration"),
        (ChangeElement.ACTION_PLAN, "false starts"),
    ],
)
def test_a_missing_element_predicts_its_failure_and_asks_for_an_action(
    element: ChangeElement, failure: str
) -> None:
    finding = change_finding(PilotChange(element=element, in_place=InPlace.NO))
    assert finding is not None
    assert f"expect {failure}" in finding
    assert finding.endswith("What will we do about it?")
    with_action = change_finding(
        PilotChange(element=element, in_place=InPlace.NO, action="Run two trainings")
    )
    assert with_action is not None and f"expect {failure}" in with_action
    assert "What will we do" not in with_action


def test_an_element_in_place_asks_what_shows_it() -> None:
    change = PilotChange(element=ChangeElement.VISION, in_place=InPlace.YES)
    assert change_finding(change) == "In place: what shows it?"
    shown = change.model_copy(update={"evidence": "The CEO's memo"})
    assert change_finding(shown) is None


def test_an_undecided_element_asks_first() -> None:
    change = PilotChange(element=ChangeElement.SKILLS)
    assert change_finding(change) == "Not decided yet: is it in place?"


def test_the_checklist_summary_counts_missing_actions_and_undecided() -> None:
    changes = [PilotChange(element=info.element, in_place=InPlace.YES) for info in ELEMENTS]
    assert change_summary(changes) == "All five elements are in place."
    changes[1] = PilotChange(element=ChangeElement.SKILLS, in_place=InPlace.NO)
    changes[3] = PilotChange(element=ChangeElement.RESOURCES, in_place=InPlace.NO, action="Fund")
    changes[4] = PilotChange(element=ChangeElement.ACTION_PLAN)
    assert missing_elements(changes) == [ChangeElement.SKILLS, ChangeElement.RESOURCES]
    assert change_summary(changes) == (
        "Missing: skills, resources; 1 without an action yet; 1 not decided."
    )


def test_three_challenges_are_talking_points() -> None:
    assert len(CHALLENGES) == 3
    assert all(title and body for title, body in CHALLENGES)


# -- stage 7 and a new plan -----------------------------------------------------------------------


def test_next_steps_need_an_owner_and_a_date_questions_do_not() -> None:
    assert step_problems(PilotStep(kind=StepKind.QUESTION, text="Who pays?")) == []
    assert step_problems(PilotStep(kind=StepKind.NEXT_STEP, text="")) == []
    assert step_problems(PilotStep(text="Book the kick-off")) == ["needs an owner", "needs a date"]
    assert step_problems(PilotStep(text="Book", owner="Ana", due="31/1")) == ["date as 2027-03-15"]
    assert step_problems(PilotStep(text="Book", owner="Ana", due="2027-01-31")) == []


def test_a_new_plan_lists_every_aspect_and_element_in_order() -> None:
    plan = new_plan()
    assert [t.aspect for t in plan.tests] == list(RECOMMENDED_ORDER)
    assert all(t.question for t in plan.tests)
    assert [c.element for c in plan.changes] == list(ChangeElement)
    assert all(c.in_place is InPlace.UNSURE for c in plan.changes)
    assert [s.kind for s in plan.scope] == [ScopeKind.LEVEL] * 4
    assert not any(s.covered for s in plan.scope)
    assert plan.risk is None and plan.duration is None
