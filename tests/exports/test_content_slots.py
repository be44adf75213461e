"""The handout leaves out the empty lines the screens keep open for typing."""

from __future__ import annotations

from tests.exports.sample import full_workshop
from workshop.core.domain import KeyResult, Objective, Priority, WrapItem, WrapItemKind
from workshop.core.exports import content


def test_empty_typing_lines_do_not_print():
    workshop = full_workshop()
    first = workshop.objectives[0]
    padded = workshop.model_copy(
        update={
            "participants": [*workshop.participants, ""],
            "priorities": [*workshop.priorities, Priority()],
            "objectives": [
                first.model_copy(update={"key_results": [*first.key_results, KeyResult()]}),
                *workshop.objectives[1:],
                Objective(),
            ],
            "wrap_items": [*workshop.wrap_items, WrapItem(kind=WrapItemKind.QUESTION)],
        }
    )
    assert content.build(padded) == content.build(workshop)


def test_a_blank_line_between_real_ones_keeps_positions():
    # Links point at priorities by position: an empty one in the middle stays.
    workshop = full_workshop()
    middle_blank = workshop.model_copy(
        update={"priorities": [workshop.priorities[0], Priority(), *workshop.priorities[1:]]}
    )
    assert len(content.build(middle_blank).priorities) == len(workshop.priorities) + 1
