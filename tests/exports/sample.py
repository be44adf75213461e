"""A realistic, full workshop for export tests and the benchmark.

`full_workshop()` is the largest workshop the room is expected to produce:
five objectives with five key results each, thirteen meetings, priorities with
their whys, variations, every outcome of the necessary-and-sufficient test,
wrap-up items and stage timings. Other test suites and `bench/` import it.
"""

from __future__ import annotations

import datetime as dt

from workshop.core.domain import (
    Approach,
    CascadeModel,
    GoalType,
    KeyResult,
    KeyResultKind,
    Meeting,
    MeetingKind,
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

_DONE = dt.datetime(2027, 1, 4, 11, 5, tzinfo=dt.UTC)

_OBJECTIVES: list[tuple[str, GoalType, list[tuple[str, KeyResultKind, str, str, str, str]]]] = [
    (
        "Make every new customer feel at home in their first week",
        GoalType.COMMITTED,
        [
            (
                "Cut the time to first reply on a ticket",
                KeyResultKind.METRIC,
                "72",
                "24",
                "hours",
                "Ana",
            ),
            (
                "Raise the week-one satisfaction score",
                KeyResultKind.METRIC,
                "6.8",
                "8.5",
                "points of 10",
                "Ben",
            ),
            ("Publish the new welcome guide", KeyResultKind.MILESTONE, "", "", "", "Chloé"),
            ("Lower first-month cancellations", KeyResultKind.METRIC, "9", "5", "%", "Dev"),
            (
                "Run onboarding calls for new accounts",
                KeyResultKind.METRIC,
                "40",
                "90",
                "% of accounts",
                "Ana",
            ),
        ],
    ),
    (
        "Ship releases the whole team is proud of",
        GoalType.ASPIRATIONAL,
        [
            ("Cut escaped defects per release", KeyResultKind.METRIC, "14", "4", "defects", "Ewa"),
            (
                "Grow automated test coverage of the billing code",
                KeyResultKind.METRIC,
                "38",
                "75",
                "%",
                "Farid",
            ),
            (
                "Release every two weeks without a freeze",
                KeyResultKind.METRIC,
                "3",
                "7",
                "releases",
                "Ewa",
            ),
            ("Retire the legacy deploy script", KeyResultKind.MILESTONE, "", "", "", "Gus"),
            ("Bring mean time to restore down", KeyResultKind.METRIC, "5 h", "<1 h", "", "Farid"),
        ],
    ),
    (
        "Become the team other teams ask for data",
        GoalType.ASPIRATIONAL,
        [
            ("Answer data requests within two days", KeyResultKind.METRIC, "30", "80", "%", "Hana"),
            ("Launch a self-service dashboard", KeyResultKind.MILESTONE, "", "done", "", "Ivo"),
            ("Grow weekly dashboard users", KeyResultKind.METRIC, "12", "60", "people", "Hana"),
            ("Hold open office hours", KeyResultKind.METRIC, "0", "6", "sessions", "Jun"),
            ("Document the ten most used tables", KeyResultKind.METRIC, "2", "10", "tables", "Ivo"),
        ],
    ),
    (
        "Keep the service fast and calm under load",
        GoalType.COMMITTED,
        [
            (
                "Hold the 95th-percentile page time under target",
                KeyResultKind.METRIC,
                "1900",
                "800",
                "ms",
                "Kai",
            ),
            ("Keep monthly availability", KeyResultKind.METRIC, "99.5", "99.9", "%", "Lea"),
            ("Run a load test before each big launch", KeyResultKind.MILESTONE, "", "", "", "Kai"),
            (
                "Cut paging alerts outside office hours",
                KeyResultKind.METRIC,
                "22",
                "8",
                "per month",
                "Lea",
            ),
            (
                "Move the search cluster to the new hosts",
                KeyResultKind.MILESTONE,
                "",
                "",
                "",
                "Max",
            ),
        ],
    ),
    (
        "Grow a team people want to join and stay in",
        GoalType.COMMITTED,
        [
            (
                "Raise the team health survey score",
                KeyResultKind.METRIC,
                "3.4",
                "4.0",
                "of 5",
                "Nia",
            ),
            ("Pair every newcomer with a buddy", KeyResultKind.METRIC, "50", "100", "%", "Omar"),
            (
                "Hold a learning hour every fortnight",
                KeyResultKind.METRIC,
                "1",
                "6",
                "sessions",
                "Nia",
            ),
            ("Agree a written on-call policy", KeyResultKind.MILESTONE, "", "", "", "Pia"),
            ("Cut unplanned overtime", KeyResultKind.METRIC, "18", "6", "hours per person", "Omar"),
        ],
    ),
]


def _ns_tests() -> list[NSTest]:
    """One of each outcome: passed, failed (two ways), unfinished, never run."""
    passed = NSTest(
        run=1,
        answers=[NSAnswer(key_result_index=i, answer=True) for i in range(5)]
        + [NSAnswer(key_result_index=None, answer=True)],
        completed_at=_DONE,
    )
    failed = NSTest(
        run=2,
        answers=[NSAnswer(key_result_index=i, answer=i != 3) for i in range(5)]
        + [NSAnswer(key_result_index=None, answer=False, note="Nothing measures quality")],
        completed_at=_DONE,
    )
    failed.answers[3] = NSAnswer(
        key_result_index=3, answer=False, note="The script is a task, not a result"
    )
    return [
        passed,
        failed,
        NSTest(run=1, answers=[NSAnswer(key_result_index=0, answer=True)]),  # unfinished
        passed,
        NSTest(),  # never run
    ]


def full_workshop() -> Workshop:
    """Five objectives with five key results each, 13 meetings, and every optional part filled in."""
    ns_tests = _ns_tests()
    objectives = [
        Objective(
            text=text,
            goal_type=goal_type,
            priority_index=i % 3,
            parent_ref=f"{i % 2}.{i % 3}" if i < 4 else None,
            key_results=[
                KeyResult(text=t, kind=k, start=s, target=g, unit=u, owner=o)
                for t, k, s, g, u, o in krs
            ],
            variations=[
                Variation(text=text, chosen=True),
                Variation(text=f"{text.split()[0]} it better, together"),
            ],
            ns_test=ns_tests[i],
        )
        for i, (text, goal_type, krs) in enumerate(_OBJECTIVES)
    ]
    start = dt.date(2027, 1, 11)
    meetings = [
        Meeting(date=start + dt.timedelta(weeks=w), time=dt.time(9, 30), note=f"Week {w + 1}")
        for w in range(11)
        if w not in (3, 8)
    ]
    meetings += [
        Meeting(date=dt.date(2027, 2, 1), time=dt.time(14, 0), kind=MeetingKind.MONTHLY_REVIEW),
        Meeting(date=dt.date(2027, 3, 1), time=dt.time(14, 0), kind=MeetingKind.MONTHLY_REVIEW),
        Meeting(date=dt.date(2027, 3, 29), time=dt.time(13, 0), kind=MeetingKind.MONTHLY_REVIEW),
        Meeting(
            date=dt.date(2027, 3, 31),
            time=dt.time(15, 0),
            kind=MeetingKind.QUARTER_END,
            note="Bring scores",
        ),
    ]
    meetings.sort(key=lambda m: (m.date, m.time))
    assert len(meetings) == 13
    return Workshop(
        team="Customer Platform",
        period="2027-Q1",
        facilitator="Rosa Martínez",
        champion="Sam Okafor",
        participants=["Ana", "Ben", "Chloé", "Dev", "Ewa", "Farid", "Gus", "Hana", "Ivo"],
        approach=Approach.TOP_DOWN,
        cascade_model=CascadeModel.FLEXIBLE,
        timezone="Europe/Berlin",
        created_at=dt.datetime(2027, 1, 4, 9, 0, tzinfo=dt.UTC),
        current_stage=6,
        parent_objectives=[
            ParentObjective(
                text="Win the mid-market",
                key_results=[
                    ParentKeyResult(text="Grow mid-market revenue from 4.1 M to 6 M"),
                    ParentKeyResult(text="Raise net retention from 96% to 105%"),
                    ParentKeyResult(text="Cut onboarding time from 30 to 10 days"),
                ],
            ),
            ParentObjective(
                text="Be known for reliability",
                key_results=[
                    ParentKeyResult(text="Reach 99.9% availability on every product"),
                    ParentKeyResult(text="Halve customer-facing incidents"),
                    ParentKeyResult(text="Publish a public status page"),
                ],
            ),
        ],
        priorities=[
            Priority(
                text="Keep the customers we win",
                whys=[
                    "Winning a customer costs five times more than keeping one",
                    "Churn hides our growth",
                    "Happy customers bring the next ones",
                ],
            ),
            Priority(
                text="Ship with confidence",
                whys=["Incidents eat a day a week", "The team dreads release days"],
            ),
            Priority(
                text="Decide with data",
                whys=["Three teams wait on us for numbers", "Guesses cost us a launch last year"],
            ),
            Priority(text="Look after the team", whys=["Two people left last quarter"]),
        ],
        objectives=objectives,
        meetings=meetings,
        wrap_items=[
            WrapItem(kind=WrapItemKind.QUESTION, text="Who owns the status page?", owner="Sam"),
            WrapItem(
                kind=WrapItemKind.QUESTION, text="Is the survey score comparable year to year?"
            ),
            WrapItem(
                kind=WrapItemKind.NEXT_STEP,
                text="Send the OKRs to the company channel",
                owner="Sam",
            ),
            WrapItem(
                kind=WrapItemKind.NEXT_STEP, text="Book all check-ins in the calendar", owner="Rosa"
            ),
            WrapItem(
                kind=WrapItemKind.NEXT_STEP,
                text="Agree baselines for the two new metrics",
                owner="Hana",
            ),
        ],
        follow_up=dt.datetime(2027, 1, 8, 10, 0, tzinfo=dt.UTC),
        follow_up_note="Thirty minutes to settle the open questions",
        timings=[
            StageTiming(
                key="overview",
                title="OKRs in 30 minutes",
                planned_seconds=1800,
                adjusted_seconds=1800,
                actual_seconds=1912.4,
            ),
            StageTiming(
                key="goals",
                title="What matters most",
                planned_seconds=900,
                adjusted_seconds=900,
                actual_seconds=840.0,
            ),
            StageTiming(
                key="objectives",
                title="Write objectives",
                planned_seconds=1500,
                adjusted_seconds=1620,
                actual_seconds=1745.2,
            ),
            StageTiming(
                key="key_results",
                title="Write key results",
                planned_seconds=1500,
                adjusted_seconds=1380,
                actual_seconds=1502.9,
            ),
            StageTiming(
                key="cadence",
                title="Set the rhythm",
                planned_seconds=900,
                adjusted_seconds=900,
                actual_seconds=610.0,
            ),
            StageTiming(
                key="wrap_up",
                title="Wrap up",
                planned_seconds=600,
                adjusted_seconds=600,
                actual_seconds=655.5,
            ),
        ],
        break_seconds=600.0,
        paused_seconds=95.0,
    )
