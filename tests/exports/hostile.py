"""Hostile text: strings that try to become markup, templates, escapes or crashes.

`HOSTILE` is the corpus (name -> text); `hostile_workshop()` puts its strings into
every text field of a workshop, so one export run exercises every field. Any test
suite may import both: every exporter and screen should show these strings
literally, fetch nothing, and not crash.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection

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

LONG_WORD = "x" * 10_000  # one unbreakable 10,000-character word
LONG_TEXT = ("lorem ipsum dolor " * 556)[:10_000]  # 10,000 characters with spaces

HOSTILE: dict[str, str] = {
    "script": "<script>alert('pwned')</script>",
    "img_file": '<img src="file:///etc/passwd">',
    "link_http": '<link rel="stylesheet" href="http://example.invalid/x.css">',
    "style_escape": "</style><style>body { display: none }</style>",
    "css_url": "background: url(file:///etc/shadow)",
    "iframe": '<iframe src="https://example.invalid/"></iframe>',
    "entities": "&amp; &lt;b&gt; &#x41; &nbsp;",
    "jinja_expr": "{{ 7*7 }}",
    "jinja_block": "{% for x in y %}loop{% endfor %}",
    "jinja_comment": "{# hidden #}",
    "markdown": "# Heading *bold* _it_ `code` [link](http://example.invalid) ![i](x.png) | a | b |",
    "markdown_list": "- not a list\n1. not ordered\n> not a quote\n    not code",
    "csv_formula": '=HYPERLINK("http://example.invalid","click")',
    "csv_plus": "+1 cmd|' /C calc'!A0",
    "csv_minus": "-5%",
    "csv_at": "@SUM(A1:A9)",
    "csv_quotes": 'say "hi", then, leave',
    "newlines": "line one\nline two\r\nline three\rline four",
    "ics_specials": "semi;colon,comma\\backslash:colon",
    "arabic": "زيادة رضا العملاء",
    "hebrew": "להגדיל את שביעות הרצון",
    "mixed_bidi": "Revenue \u202egnirts desrever\u202c end",
    "emoji": "🚀 👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 ❤️",
    "combining": "Z\u0335\u0321\u032aa\u0337l\u0338g\u0335o e\u0301 n\u0303",
    "nul": "before\x00after",
    "c0_controls": "bell\x07 back\x08 vt\x0b ff\x0c del\x7f",
    "ansi_clear": "\x1b[2J\x1b[31mred\x1b[0m",
    "ansi_title": "\x1b]0;owned title\x07",
    "c1_controls": "c1\x85\x9b",
    "noncharacters": "end\ufffe\uffff",
    "long_word": LONG_WORD,
    "long_text": LONG_TEXT,
    "path": "../../etc/passwd",
    "whitespace": "  leading and trailing  ",
    "empty": "",
}

# Short ones for places where a marker must be found again in extracted PDF text.
MARKERS: dict[str, str] = {
    "script": "<script>alert('pwned')</script>",
    "jinja_expr": "{{ 7*7 }}",
    "img_file": '<img src="file:///etc/passwd">',
}


LONG = ("long_word", "long_text")


def hostile_workshop(*, skip: Collection[str] = ()) -> Workshop:
    """Every text field filled from the corpus (each string used at least once).

    `skip` leaves corpus entries out by name: e.g. `skip=LONG` drops the
    10,000-character strings (the PDF of the full corpus runs to about 130
    pages, slow for tests that only need the markup and control characters).
    """
    values = [v for k, v in HOSTILE.items() if k not in skip]
    t = itertools.cycle(values)
    objectives = [
        Objective(
            text=next(t),
            goal_type=GoalType.ASPIRATIONAL if i % 2 else GoalType.COMMITTED,
            priority_index=0,
            parent_ref="0.0",
            key_results=[
                KeyResult(
                    text=next(t),
                    kind=KeyResultKind.MILESTONE if k == 4 else KeyResultKind.METRIC,
                    start=next(t),
                    target=next(t),
                    unit=next(t),
                    owner=next(t),
                )
                for k in range(5)
            ],
            variations=[Variation(text=next(t), chosen=True)],
            ns_test=NSTest(
                run=1,
                answers=[NSAnswer(key_result_index=0, answer=False, note=next(t))],
                completed_at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
            ),
        )
        for i in range(3)
    ]
    # Make sure every corpus entry appears somewhere, whatever the cycle reached.
    objectives.append(
        Objective(
            text=" / ".join(v for v in values if len(v) < 200),
            key_results=[KeyResult(text=v) for v in values],
        )
    )
    return Workshop(
        team="<b>Team</b> {{ 7*7 }} \x00 \x1b[2J" + ("" if "emoji" in skip else " 🚀"),
        period="{% if 1 %}Q1{% endif %}",
        facilitator=HOSTILE["script"],
        champion=HOSTILE["arabic"],
        participants=values,
        approach=Approach.BOTTOM_UP,
        cascade_model=CascadeModel.DUALITY,
        timezone="America/New_York",
        parent_objectives=[
            ParentObjective(
                text=HOSTILE["link_http"], key_results=[ParentKeyResult(text=HOSTILE["img_file"])]
            )
        ],
        priorities=[Priority(text=v, whys=[next(t), next(t)]) for v in values[:6]],
        objectives=objectives,
        meetings=[
            Meeting(
                date=dt.date(2027, 1, 4) + dt.timedelta(days=7 * i),
                time=dt.time(9, 0),
                kind=list(MeetingKind)[i % 3],
                note=v,
            )
            for i, v in enumerate(values)
        ],
        wrap_items=[
            WrapItem(
                kind=WrapItemKind.QUESTION if i % 2 else WrapItemKind.NEXT_STEP,
                text=v,
                owner=next(t),
            )
            for i, v in enumerate(values)
        ],
        follow_up=dt.datetime(2027, 1, 8, 10, 0, tzinfo=dt.UTC),
        follow_up_note=HOSTILE["jinja_block"],
        timings=[
            StageTiming(
                key="overview",
                title=HOSTILE["script"],
                planned_seconds=1800,
                adjusted_seconds=1800,
                actual_seconds=1800.0,
            ),
            StageTiming(
                key="goals",
                title=HOSTILE["jinja_expr"] if "long_word" in skip else LONG_WORD,
                planned_seconds=900,
                adjusted_seconds=900,
                actual_seconds=1.5,
            ),
        ],
        break_seconds=0.0,
    )
