"""What the room's page asks for on each stage of the workshop (it follows the projector)."""

from __future__ import annotations

from workshop.core.domain import Objective, Workshop
from workshop.core.room.rules import KEY_RESULT, NS, OBJECTIVE, PRIORITY, QUESTION, Activity

# Stage key -> what the page collects there; other stages show a waiting page.
STAGE_ACTIVITIES = {
    "goals": PRIORITY,
    "objectives": OBJECTIVE,
    "key_results": KEY_RESULT,
    "wrap_up": QUESTION,
}


def activity_for(stage_key: str, workshop: Workshop, objective_id: int | None = None) -> Activity:
    """The activity for a stage; on key results, for `objective_id` (else the first objective)."""
    kind = STAGE_ACTIVITIES.get(stage_key)
    if kind is None:
        return Activity()
    if kind == OBJECTIVE:
        options = tuple((o.id, o.text) for o in workshop.objectives if o.id is not None and o.text)
        return Activity(OBJECTIVE, options=options)
    if kind == KEY_RESULT:
        objective = _objective(workshop, objective_id)
        if objective is None:
            return Activity()
        return Activity(KEY_RESULT, target_id=objective.id, target_text=objective.text)
    return Activity(kind)


def ns_activity(workshop: Workshop, objective_id: int | None) -> Activity | None:
    """The N&S test for one objective: one question per key result, then one on the set."""
    objective = _objective(workshop, objective_id)
    if objective is None:
        return None
    results = [kr.text for kr in objective.key_results if kr.text.strip()]
    if not results:
        return None
    questions = tuple(f"Is this key result necessary? {text}" for text in results)
    questions += ("Together, are these key results enough to achieve the objective?",)
    return Activity(NS, target_id=objective.id, target_text=objective.text, questions=questions)


def _objective(workshop: Workshop, objective_id: int | None) -> Objective | None:
    objectives = [o for o in workshop.objectives if o.id is not None]
    found = next((o for o in objectives if o.id == objective_id), None)
    return found or (objectives[0] if objectives else None)
