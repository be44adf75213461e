"""Roll-over into the next period, and the retrospective that decides it."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from workshop.core.domain import (
    Approach,
    CascadeModel,
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    NSAnswer,
    NSTest,
    Objective,
    ParentKeyResult,
    ParentObjective,
    Priority,
    StageTiming,
    Variation,
    Workshop,
    WrapItem,
    WrapItemKind,
)
from workshop.core.okr.errors import OKRInputError, sentences
from workshop.core.okr.retro import Decision, ObjectiveDecision, Retrospective, Win
from workshop.core.okr.rollover import (
    RollOverChoice,
    by_position,
    choices_from_retrospective,
    named_by_id,
    next_period,
    resolve_choices,
    roll_over,
    rolled_over_objectives,
    with_new_ids,
)

# --- next period ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "after"),
    [
        ("2027-Q1", "2027-Q2"),
        ("2027-Q3", "2027-Q4"),
        ("2027-Q4", "2028-Q1"),
        ("Q4 2027", "Q1 2028"),
        ("q2-27", "q3-27"),
        ("FY27 Q4", "FY28 Q1"),
        ("2027Q2", "2027Q3"),
        ("Q1", "Q2"),
        ("H1 2027", "H2 2027"),
        ("2027-H2", "2028-H1"),
        ("2027", "2028"),
        ("FY2027", "FY2028"),
        ("2027-03", "2027-04"),
        ("2027-12", "2028-01"),
        ("  2027-Q1 ", "2027-Q2"),
        ("Q4 '99", "Q1 '00"),
    ],
)
def test_next_period(period: str, after: str) -> None:
    assert next_period(period) == after


@pytest.mark.parametrize("period", ["", "spring", "Q4", "2027-Q5", "H3 2027", "2027-13"])
def test_a_period_the_app_cannot_step_on_from(period: str) -> None:
    with pytest.raises(OKRInputError) as caught:
        next_period(period)
    assert caught.value.problems == (
        f"The app cannot tell which period follows “{period.strip()}”; "
        "write the next one yourself, for example 2027-Q2.",
    )


# --- roll-over ------------------------------------------------------------------------------


def full_workshop() -> Workshop:
    """A workshop with every field filled, so a test can see what is not copied."""
    kr = KeyResult(
        id=11,
        text="Cut response time",
        start="72 hours",
        target="<24 hours",
        unit="hours",
        owner="Nick",
    )
    return Workshop(
        id=7,
        team="Customer Success",
        period="2027-Q4",
        facilitator="Ana",
        champion="Ben",
        participants=["Jane", "Nick", "Ola"],
        approach=Approach.BOTTOM_UP,
        cascade_model=CascadeModel.DUALITY,
        timezone="Europe/Oslo",
        created_at=dt.datetime(2027, 9, 20, 9, 0),
        current_stage=9,
        parent_objectives=[
            ParentObjective(
                text="Earn customer love", key_results=[ParentKeyResult(text="99% retention")]
            )
        ],
        priorities=[Priority(text="Keep customers", whys=["churn is up"])],
        objectives=[
            Objective(
                id=1,
                text="Win back at-risk customers",
                goal_type=GoalType.COMMITTED,
                priority_index=0,
                parent_ref="0.0",
                key_results=[
                    kr,
                    KeyResult(id=12, text="Finish QBRs", start="88%", target="100%"),
                    KeyResult(
                        id=13,
                        text="Ship the action plan",
                        kind=KeyResultKind.MILESTONE,
                        owner="Jane",
                    ),
                ],
                variations=[Variation(text="Keep at-risk customers", chosen=True)],
                ns_test=NSTest(
                    run=1,
                    answers=[NSAnswer(key_result_index=None, answer=True)],
                    completed_at=dt.datetime(2027, 9, 20, 10, 0),
                ),
            ),
            Objective(
                id=2,
                text="Grow the community",
                goal_type=GoalType.ASPIRATIONAL,
                key_results=[KeyResult(text="Reach 65% engagement", start="40%", target="65%")],
            ),
            Objective(id=3, text="Run office hours", key_results=[]),
        ],
        meetings=[Meeting(date=dt.date(2027, 10, 12), time=dt.time(9, 0))],
        wrap_items=[WrapItem(kind=WrapItemKind.QUESTION, text="Who owns QBRs?")],
        follow_up=dt.datetime(2027, 9, 27, 9, 0),
        follow_up_note="Invite finance",
        timings=[
            StageTiming(
                key="intro",
                title="Intro",
                planned_seconds=60,
                adjusted_seconds=60,
                actual_seconds=50,
            )
        ],
        break_seconds=300,
        paused_seconds=20,
    )


def test_roll_over_carries_the_chosen_items_and_copies_only_the_set_up() -> None:
    source = full_workshop()
    before = source.model_copy(deep=True)
    plan = roll_over(
        source,
        [
            RollOverChoice(objective_index=1),  # with all its key results
            RollOverChoice(objective_index=0, key_result_indices=(2, 0)),  # two of three
        ],
    )
    expected = Workshop(
        team="Customer Success",
        period="2028-Q1",
        facilitator="Ana",
        champion="Ben",
        participants=["Jane", "Nick", "Ola"],
        approach=Approach.BOTTOM_UP,
        cascade_model=CascadeModel.DUALITY,
        timezone="Europe/Oslo",
        objectives=[
            Objective(
                text="Win back at-risk customers",
                goal_type=GoalType.COMMITTED,
                key_results=[
                    KeyResult(
                        text="Cut response time",
                        start="72 hours",
                        target="<24 hours",
                        unit="hours",
                        owner="Nick",
                    ),
                    KeyResult(
                        text="Ship the action plan", kind=KeyResultKind.MILESTONE, owner="Jane"
                    ),
                ],
            ),
            Objective(
                text="Grow the community",
                goal_type=GoalType.ASPIRATIONAL,
                key_results=[KeyResult(text="Reach 65% engagement", start="40%", target="65%")],
            ),
        ],
    )
    # Equality of the whole value: nothing else (ids, priorities, meetings, timings, the
    # test answers, variations, links to last period's priorities) came across.
    assert plan.workshop == expected
    assert plan.from_period == "2027-Q4"
    assert source == before  # the source is not touched
    assert plan.workshop.participants is not source.participants


def test_carried_items_are_marked() -> None:
    plan = roll_over(
        full_workshop(),
        [
            RollOverChoice(objective_index=0, key_result_indices=(0, 2)),
            RollOverChoice(objective_index=2),
        ],
    )
    marks = {
        (m.objective_index, m.key_result_index): (m.from_objective_index, m.from_key_result_index)
        for m in plan.rolled_over
    }
    assert marks == {(0, None): (0, None), (0, 0): (0, 0), (0, 1): (0, 2), (1, None): (2, None)}
    assert all(m.from_period == "2027-Q4" for m in plan.rolled_over)
    assert plan.is_rolled_over(0)
    assert plan.is_rolled_over(0, 1)
    assert not plan.is_rolled_over(0, 2)
    assert not plan.is_rolled_over(2)


def test_an_objective_can_go_alone() -> None:
    plan = roll_over(full_workshop(), [RollOverChoice(objective_index=0, key_result_indices=())])
    assert plan.workshop.objectives[0].key_results == []
    assert [m.key_result_index for m in plan.rolled_over] == [None]


def test_nothing_chosen_still_copies_the_set_up() -> None:
    plan = roll_over(full_workshop(), [])
    assert plan.workshop.objectives == []
    assert plan.workshop.team == "Customer Success"
    assert plan.workshop.period == "2028-Q1"
    assert plan.rolled_over == ()


def test_the_plan_round_trips_through_json() -> None:
    plan = roll_over(full_workshop(), [RollOverChoice(objective_index=0)])
    assert type(plan).model_validate_json(plan.model_dump_json()) == plan


def test_the_next_period_can_be_given() -> None:
    source = full_workshop().model_copy(update={"period": "the autumn push"})
    with pytest.raises(OKRInputError, match="cannot tell which period follows"):
        roll_over(source, [])
    assert roll_over(source, [], period="the winter push").workshop.period == "the winter push"


def test_bad_choices_are_all_reported() -> None:
    with pytest.raises(OKRInputError) as caught:
        roll_over(
            full_workshop(),
            [
                RollOverChoice(objective_index=5),
                RollOverChoice(objective_index=0, key_result_indices=(0, 3, 0)),
                RollOverChoice(objective_index=0),
            ],
        )
    assert caught.value.problems == (
        "There is no objective 6; this workshop has 3.",
        "Objective 1 has no key result 4.",
        "A key result of objective 1 is chosen twice.",
        "Objective 1 is chosen twice; carry it over once.",
    )
    with pytest.raises(ValidationError):
        RollOverChoice(objective_index=-1)


# --- by identity: the workshop changed between the choice and the roll-over -------------------


def reordered(workshop: Workshop) -> Workshop:
    """The workshop edited after the choice: "Run office hours" moved to the top, and "Win
    back" (now second) lost "Cut response time", its last key result moved up."""
    win, grow, office = workshop.objectives
    win = win.model_copy(update={"key_results": [win.key_results[2], win.key_results[1]]})
    return workshop.model_copy(update={"objectives": [office, win, grow]})


def test_a_choice_names_its_items_by_id_and_position() -> None:
    source = full_workshop()
    assert RollOverChoice.of(source, 0, [0, 2]) == RollOverChoice(
        objective_index=0, key_result_indices=(0, 2), objective_id=1, key_result_ids=(11, 13)
    )
    assert RollOverChoice.of(source, 2, None) == RollOverChoice(objective_index=2, objective_id=3)
    # Objective 2's key result was never stored: positions only for its key results.
    assert RollOverChoice.of(source, 1, [0]) == RollOverChoice(
        objective_index=1, key_result_indices=(0,)
    )
    unstored = Workshop(objectives=[Objective(text="x", key_results=[KeyResult(text="y")])])
    assert RollOverChoice.of(unstored, 0, [0]) == RollOverChoice(
        objective_index=0, key_result_indices=(0,)
    )


def test_moved_items_are_carried_by_id_and_removed_ones_are_not_replaced() -> None:
    before = full_workshop()
    choices = [
        RollOverChoice.of(before, 0, [0, 2]),  # Win back: response time and the action plan
        RollOverChoice.of(before, 2, None),  # Run office hours
    ]
    after = reordered(before)  # office hours first; Win back lost "Cut response time"
    assert resolve_choices(after, choices) == [
        RollOverChoice(
            objective_index=1, key_result_indices=(0,), objective_id=1, key_result_ids=(13,)
        ),
        RollOverChoice(objective_index=0, objective_id=3),
    ]
    plan = roll_over(after, choices)
    assert [o.text for o in plan.workshop.objectives] == [
        "Run office hours",
        "Win back at-risk customers",
    ]
    # "Cut response time" was removed: it is not carried, and "Finish QBRs", now where it
    # was, does not take its place.
    assert [[k.text for k in o.key_results] for o in plan.workshop.objectives] == [
        [],
        ["Ship the action plan"],
    ]
    marks = {
        (m.objective_index, m.key_result_index): (m.from_objective_index, m.from_key_result_index)
        for m in plan.rolled_over
    }
    assert marks == {(0, None): (0, None), (1, None): (1, None), (1, 0): (1, 0)}


def test_a_removed_objective_is_not_carried_and_nothing_takes_its_place() -> None:
    before = full_workshop()
    choices = [RollOverChoice.of(before, 0, None)]  # Win back, with all its key results
    after = before.model_copy(update={"objectives": before.objectives[1:]})
    assert resolve_choices(after, choices) == []
    assert roll_over(after, choices).workshop.objectives == []


def test_all_key_results_means_those_the_objective_has_now() -> None:
    before = full_workshop()
    choices = [RollOverChoice.of(before, 0, None)]
    after = reordered(before)
    plan = roll_over(after, choices)
    assert [k.text for k in plan.workshop.objectives[0].key_results] == [
        "Ship the action plan",
        "Finish QBRs",
    ]


def test_choices_without_ids_still_go_by_position() -> None:
    plan = roll_over(reordered(full_workshop()), [RollOverChoice(objective_index=0)])
    assert [o.text for o in plan.workshop.objectives] == ["Run office hours"]


def test_a_file_names_the_choice_by_position_and_an_import_by_id_again() -> None:
    before = full_workshop()
    stored = [RollOverChoice.of(before, 0, [0, 2]), RollOverChoice.of(before, 2, None)]
    after = reordered(before)
    in_file = by_position(after, stored)
    assert in_file == [
        RollOverChoice(objective_index=1, key_result_indices=(0,)),
        RollOverChoice(objective_index=0),
    ]
    assert named_by_id(after, in_file) == resolve_choices(after, stored)
    # A position the workshop does not have is kept, for roll_over to report.
    odd = [RollOverChoice(objective_index=0, key_result_indices=(5,))]
    assert named_by_id(after, odd) == odd


def test_ids_and_positions_must_agree() -> None:
    with pytest.raises(ValidationError):
        RollOverChoice(objective_index=0, key_result_indices=(0,), objective_id=1)
    with pytest.raises(ValidationError):
        RollOverChoice(objective_index=0, key_result_ids=(11,))
    with pytest.raises(ValidationError):
        RollOverChoice(
            objective_index=0, key_result_indices=(0, 1), objective_id=1, key_result_ids=(11,)
        )


def test_new_objectives_to_start_come_last_unmarked() -> None:
    plan = roll_over(
        full_workshop(),
        [RollOverChoice(objective_index=1)],
        new_objectives=["Halve onboarding time", "  "],
    )
    assert [(o.text, len(o.key_results)) for o in plan.workshop.objectives] == [
        ("Grow the community", 1),
        ("Halve onboarding time", 0),
    ]
    assert plan.workshop.objectives[1] == Objective(text="Halve onboarding time")
    assert plan.is_rolled_over(0) and not plan.is_rolled_over(1)


def test_the_marks_follow_the_new_workshops_items_by_id() -> None:
    plan = roll_over(
        full_workshop(),
        [
            RollOverChoice(objective_index=0, key_result_indices=(0,)),
            RollOverChoice(objective_index=2),
        ],
    )
    # As stored: the same items, with ids.
    stored = plan.workshop.model_copy(
        update={
            "objectives": [
                plan.workshop.objectives[0].model_copy(
                    update={
                        "id": 40,
                        "key_results": [
                            plan.workshop.objectives[0]
                            .key_results[0]
                            .model_copy(update={"id": 400})
                        ],
                    }
                ),
                plan.workshop.objectives[1].model_copy(update={"id": 41}),
            ]
        }
    )
    marks = with_new_ids(plan.rolled_over, stored)
    assert [(m.objective_id, m.key_result_id) for m in marks] == [(40, None), (40, 400), (41, None)]
    assert rolled_over_objectives(marks, stored) == [0, 1]
    # The room adds an objective and moves it to the top, then removes "Run office hours".
    new = Objective(id=42, text="Train new starters")
    edited = stored.model_copy(update={"objectives": [new, stored.objectives[0]]})
    assert rolled_over_objectives(marks, edited) == [1]
    # Marks kept before ids were: by position, within the workshop.
    old = [m.model_copy(update={"objective_id": None, "key_result_id": None}) for m in marks]
    assert rolled_over_objectives(old, edited) == [0, 1]
    assert rolled_over_objectives(old, edited.model_copy(update={"objectives": [new]})) == [0]


# --- retrospective ----------------------------------------------------------------------------


def test_a_full_retrospective() -> None:
    retro = Retrospective(
        decisions=[
            ObjectiveDecision(
                objective_index=0,
                decision=Decision.CONTINUE,
                reason="Response time is still above a day",
            ),
            ObjectiveDecision(
                objective_index=1,
                decision=Decision.STOP,
                reason="The community is run by marketing now",
            ),
            ObjectiveDecision(
                objective_index=2,
                decision=Decision.CHANGE,
                reason="Office hours need a measurable target",
            ),
            ObjectiveDecision(
                decision=Decision.START,
                text="Halve onboarding time",
                reason="New customers wait too long",
            ),
        ],
        wins=[Win(text="QBRs at 100%", thanks=["Nick", "Ola"])],
        went_well=["Check-ins were short"],
        did_not_go_well=["Targets set without a baseline"],
        change_how_we_set_okrs=["Measure the start before the workshop"],
    )
    assert retro.undecided(4) == [3]
    assert retro.carried_objectives() == [0, 2]
    assert choices_from_retrospective(retro) == [
        RollOverChoice(objective_index=0),
        RollOverChoice(objective_index=2),
    ]
    assert Retrospective.model_validate_json(retro.model_dump_json()) == retro


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        (
            {"objective_index": 0, "decision": "stop", "reason": " "},
            "Give a reason for the decision.",
        ),
        ({"decision": "continue", "reason": "x"}, "Say which objective to continue."),
        (
            {"objective_index": 1, "decision": "start", "reason": "x", "text": "New"},
            "Start is for a new objective; an objective already set can be continued, changed or stopped.",
        ),
        ({"decision": "start", "reason": "x"}, "Say what the new objective is."),
    ],
)
def test_decision_validation(fields: dict[str, object], sentence: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ObjectiveDecision.model_validate(fields)
    assert sentences(caught.value) == [sentence]


def test_retrospective_validation() -> None:
    decision = ObjectiveDecision(objective_index=0, decision=Decision.CHANGE, reason="r")
    with pytest.raises(ValidationError) as caught:
        Retrospective(decisions=[decision, decision])
    assert sentences(caught.value) == ["Objective 1 has two decisions; keep one."]
    with pytest.raises(ValidationError) as caught:
        Retrospective(went_well=["Fine", ""], change_how_we_set_okrs=["  "])
    assert sentences(caught.value) == [
        "Entry 2 under “what went well” is empty; write something or remove it.",
        "Entry 1 under “what to change in how we set OKRs” is empty; write something or remove it.",
    ]
    with pytest.raises(ValidationError) as caught:
        Win(text="", thanks=["Nick", " "])
    assert sentences(caught.value) == [
        "Say what the win was.",
        "Entry 2 under “who to thank” is empty; write something or remove it.",
    ]
    with pytest.raises(ValidationError):
        ObjectiveDecision.model_validate({"objective_index": 0, "decision": "pause", "reason": "x"})
