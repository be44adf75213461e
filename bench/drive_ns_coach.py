"""Driver: issue 14's two latencies, the N&S test's next question and the coach's comment.

    python bench/drive_ns_coach.py DB_URL [--size 160x45] [--questions 12] [--sentences 6]

The full workshop (`tests/exports/sample.py::full_workshop`, 5 objectives x 5 key
results) is opened as the command line opens it (`freeze_long_lived`, real tick 0.25 s,
clock running), keys posted to the key pump as the terminal delivers them.

- *coach*: on the objectives stage (the focused objective) and then the key results
  stage (the focused key result), End and a sentence typed at 30 keys a second,
  `--sentences` times each (a different one each time). From the moment the last key
  is handed to the app until the coach panel has judged the new text and that frame is
  drawn (`call_after_refresh` once `CoachPanel.pending` clears); `coach_after_landed`
  counts from the moment every key had reached the field (`keys_settled`), which leaves
  out the time the app was behind the typist.
  Target ≤ 500 ms (the panel waits `DELAY_SECONDS`, 0.3 s, after the last key, so the
  room sees no flicker while someone types).
- *next question*: on the key results stage, Ctrl+R runs the necessary-and-sufficient
  test; then, `--questions` times, Y and Enter. From the moment Enter is handed to the
  app until the next question is on top, mounted and drawn (a new question screen, or
  the same dialog once it shows the next question). Target ≤ 100 ms.

Prints `BENCH {"coach": [s...], "next_question": [s...], ...}`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import Any

from common import add_repo_to_path, emit

add_repo_to_path()

SENTENCES = [
    " so that every customer hears back the same day",
    " in order to halve repeat contacts this quarter",
    " so that new starters answer alone by week two",
    " so that nobody waits overnight for a reply",
    " in order to win back the customers we lost",
    " so that help articles answer the common questions",
]


def key(name: str) -> Any:
    from textual import events

    if name == " ":
        return events.Key("space", " ")
    if len(name) == 1:
        return events.Key(name, name)
    return events.Key(name, None)


async def drawn(node: Any) -> float:
    """The time at which the next frame after now has been drawn for `node`'s screen."""
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def mark() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    node.call_after_refresh(mark)
    return await done


async def main(args: argparse.Namespace) -> None:
    from textual.widgets import Input

    from tests.exports.sample import full_workshop
    from workshop.core.agenda.model import load_agenda
    from workshop.core.db.errors import open_store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.dialogs.ns_test import NSQuestionScreen
    from workshop.tui.screens.stages import STAGE_SCREENS
    from workshop.tui.widgets.coach_panel import CoachPanel

    store = open_store(args.db)
    agenda = load_agenda()
    keys = [stage.key for stage in agenda.stages]
    objectives, key_results = keys.index("objectives"), keys.index("key_results")
    workshop = full_workshop().model_copy(update={"current_stage": objectives})
    workshop_id = store.import_workshop(workshop, agenda_json=agenda.model_dump_json())
    for name in keys:
        STAGE_SCREENS[name]
    app = WorkshopApp(
        store=store,
        agenda=agenda,
        workshop_id=workshop_id,
        tick_seconds=0.25,
        freeze_long_lived=True,
    )
    columns, lines = (int(x) for x in args.size.split("x"))
    coach: dict[str, list[float]] = {}
    coach_after_landed: dict[str, list[float]] = {}
    questions: list[float] = []
    async with app.run_test(size=(columns, lines)) as pilot:

        def send(name: str) -> None:
            app.post_message(key(name))

        async def on_stage(index: int) -> None:
            await app.keys_settled()
            for _ in range(6000):
                screen = app.screen
                if getattr(screen, "stage_index", None) == index and screen.is_built:
                    break
                await asyncio.sleep(0.005)
            await pilot.pause()

        await app.keys_settled()
        # The imported clock resumes at its own stage: walk to the objectives.
        while app.session is not None and app.session.timer.current != objectives:
            send("ctrl+b" if app.session.timer.current > objectives else "ctrl+n")
            await app.keys_settled()
        await on_stage(objectives)
        send("f5")
        await app.keys_settled()

        async def coach_after_sentences(stage: str) -> None:
            panel = app.screen.query_one(CoachPanel)
            for sentence in SENTENCES[: args.sentences]:
                if not isinstance(app.focused, Input):
                    raise RuntimeError(f"no field has the cursor: {app.focused!r}")
                send("end")
                due = time.perf_counter()
                for char in sentence:
                    due += 1 / 30
                    await asyncio.sleep(max(0.0, due - time.perf_counter()))
                    send(char)
                last = time.perf_counter()
                # Every key has reached the field once the pump has settled (a busy app
                # can be behind the typist); the panel then waits for the typing to
                # pause, judges and paints.
                await app.keys_settled()
                landed = time.perf_counter()
                while panel.pending:
                    await asyncio.sleep(0.002)
                shown = await drawn(panel)
                coach.setdefault(stage, []).append(shown - last)
                coach_after_landed.setdefault(stage, []).append(shown - landed)
                await asyncio.sleep(0.5)  # the room reads it

        await coach_after_sentences("objectives")
        send("ctrl+n")
        await on_stage(key_results)
        await coach_after_sentences("key_results")
        send("ctrl+r")
        await app.keys_settled()
        for _ in range(args.questions):
            question = app.screen
            if not isinstance(question, NSQuestionScreen):
                break  # the test is over (every question answered)
            asked = question.question
            send("y")
            await app.keys_settled()
            await asyncio.sleep(0.3)  # the room decides
            started = time.perf_counter()
            send("enter")
            # The next question is a new screen, or the same dialog showing the next
            # question (it sets `question` as it shows it).
            while (
                app.screen is question and question.question is asked
            ) or not app.screen.is_mounted:
                await asyncio.sleep(0.001)
                if time.perf_counter() - started > 10:
                    raise RuntimeError("no next question")
            if not isinstance(app.screen, NSQuestionScreen):
                break  # the last answer closed the test
            questions.append(await drawn(app.screen) - started)
            await app.keys_settled()
    store.close()
    emit(
        coach=coach,
        coach_after_landed=coach_after_landed,
        next_question=questions,
        size=[columns, lines],
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--size", default="160x45")
    parser.add_argument("--questions", type=int, default=12)
    parser.add_argument("--sentences", type=int, default=6)
    asyncio.run(main(parser.parse_args()))
    sys.exit(0)
