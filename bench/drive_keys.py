"""Driver: keys lost and keys misplaced, typing a whole workshop into the real app under load.

    python bench/drive_keys.py DB_PATH [--seed N] [--size 160x45] [--min-keys 2000]
                               [--rate 30] [--burners 2]

`okr-workshop` runs in a pseudo-terminal (the terminal driver and Textual's input
parser, not posted events: see `pty_app.py`) on a fresh SQLite file, while
`--burners` processes run `while True: pass` (see `BURNER`). The typist sends a facilitator's
session, key by key, at `--rate` keys a second inside a burst (the send times are
scheduled, so a late sleep does not slow the rest), never waiting for the screen:

- start screen: Enter (a new workshop);
- set-up: team, Down Down (past the prefilled period), facilitator, Down, champion,
  Down Down (past the prefilled time zone), participants with Enter between names;
- Ctrl+N to the overview, F5 (the clock runs from here on), Ctrl+N to goals;
- goals: priorities, each with one or two "why" answers (Ctrl+O before each), then
  Enter for the next priority, from the last why or after Up back to the priority
  (both add the next priority below this one);
- Ctrl+N to objectives: Enter takes the highlighted cascade model; objectives with
  Enter between, some with another wording (Ctrl+O, the wording, Up);
- Ctrl+N to key results: per objective, key results as text, Tab, from, Tab, to, Tab,
  unit, Tab, owner; then four Up (or Shift+Tab) back to the key result's line, where
  Enter adds the next one (Enter on a small field moves on instead); PageDown to the
  next objective;
- Ctrl+N Ctrl+N (the cadence, then wrap-up): questions with Enter between; Down to
  the next steps: text, Tab, owner, Enter for the next;
- Ctrl+Q.

Between bursts (a field's words, a stage) the typist pauses 0-0.4 s, and 0.3-1 s after
a stage change, as a room does; all of it is drawn from `--seed`, text included, so
every run types different words (and a replay types the same). Text is generated
until the session has at least `--min-keys` key presses.

`lag_seconds` is how far the app is behind the typist at the end: from the last key
sent until its field's text is drawn (Ctrl+Q is sent after that); `quit_seconds`,
from Ctrl+Q until the app has exited.

When the app has quit, the database is read (`Store.load`) and compared field by field
with what was typed: per field, the shortest alignment of typed and stored text
(insertions and deletions only). A stored character the alignment does not match is
*misplaced* (in the wrong field, out of order, or doubled); a typed character it does
not match is *lost*, unless the same character was misplaced somewhere else (then it
counts once, as misplaced). Fields nobody typed in (the prefilled period and time zone,
company OKRs, blank lines) must hold what they held. Prints
`BENCH {"keys": ..., "lost": ..., "misplaced": ..., "fields": [...worst...], ...}`.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from common import add_repo_to_path, emit
from pty_app import (
    CTRL_N,
    CTRL_O,
    CTRL_Q,
    DOWN,
    ENTER,
    F5,
    PAGE_DOWN,
    SHIFT_TAB,
    TAB,
    UP,
    AppInTerminal,
)

add_repo_to_path()

WORDS = [
    "grow",
    "revenue",
    "churn",
    "support",
    "ticket",
    "answer",
    "night",
    "rota",
    "help",
    "centre",
    "article",
    "customer",
    "onboarding",
    "weekly",
    "review",
    "retention",
    "signup",
    "trial",
    "partner",
    "launch",
    "release",
    "quality",
    "latency",
    "uptime",
    "backlog",
    "hiring",
    "mentor",
    "budget",
    "pricing",
    "invoice",
    "refund",
    "survey",
    "score",
    "mobile",
    "desktop",
    "search",
    "checkout",
    "basket",
    "warehouse",
    "delivery",
    "courier",
    "region",
    "market",
    "Zürich",
    "café",
    "naïve",
    "façade",
    "Ålesund",
    "Øster",
]
NAMES = [
    "Dana",
    "Ana",
    "Cy",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jun",
    "Kai",
    "Lea",
    "Mo",
    "Nia",
    "Oz",
    "Pia",
    "Quinn",
    "Rui",
    "Sol",
    "Tam",
    "Uma",
    "Vik",
    "Wen",
    "Xia",
    "Yuri",
    "Zoe",
    "Åsa",
    "Ümit",
]
SURNAMES = [
    "Dunn",
    "Whitfield",
    "Okafor",
    "Silva",
    "Berg",
    "Novak",
    "Tanaka",
    "Moreau",
    "Quuxley",
    "Ng",
    "Ruiz",
]
UNITS = ["%", "articles", "tickets", "h", "customers", "€k", "days", "NPS"]


@dataclass
class Plan:
    """Every key of the session (with the pause before it) and what each field must hold."""

    keys: list[tuple[bytes, float]] = field(default_factory=list)
    expected: dict[str, str] = field(default_factory=dict)
    chars: int = 0
    last_text: str = ""  # the field typed last, as it should be drawn at the end

    def key(self, data: bytes, pause: float = 0.0) -> None:
        self.keys.append((data, pause))

    def type(self, path: str, text: str, pause: float = 0.0) -> None:
        """Type `text` into the focused field, which must end up as `path`."""
        for index, char in enumerate(text):
            self.keys.append((char.encode(), pause if index == 0 else 0.0))
        self.expected[path] = self.expected.get(path, "") + text
        self.chars += len(text)
        self.last_text = self.expected[path]


def words(rng: random.Random, low: int, high: int, tag: str = "") -> str:
    chosen = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if tag:
        chosen.insert(rng.randrange(len(chosen) + 1), tag)
    text = " ".join(chosen)
    return text[0].upper() + text[1:]


def person(rng: random.Random) -> str:
    return f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}"


def make_plan(seed: int, scale: float) -> Plan:
    rng = random.Random(seed)
    tag = f"r{seed % 100000:05d}"  # this run's mark, in every long field
    plan = Plan()

    def think(low: float = 0.0, high: float = 0.4) -> float:
        return rng.uniform(low, high)

    def stage() -> float:
        return rng.uniform(0.3, 1.0)

    def text(low: int, high: int, mark: str = "") -> str:
        """Between `low` and `high` words (more when the plan is scaled up)."""
        return words(rng, round(low * scale), round(high * scale), mark)

    plan.key(ENTER)  # start a new workshop: set-up, the team's field
    plan.type("team", f"{words(rng, 1, 2)} {tag}", stage())
    plan.key(DOWN, think())
    plan.key(DOWN)  # past the prefilled period
    plan.type("facilitator", person(rng), think())
    plan.key(DOWN, think())
    plan.type("champion", person(rng), think())
    plan.key(DOWN, think())
    plan.key(DOWN)  # past the prefilled time zone: the first participant's line
    people = rng.randint(4, 6)
    for index in range(people):
        if index:
            plan.key(ENTER)
        plan.type(f"participants[{index}]", person(rng), think(0, 0.2))

    plan.key(CTRL_N, think())  # the overview
    plan.key(F5, stage())  # start the clock
    plan.key(CTRL_N, think())  # goals: priority 1 has the cursor
    priorities = rng.randint(3, 5)
    for p in range(priorities):
        if p:
            plan.key(ENTER, think())  # the next priority, last in the list
        plan.type(f"priorities[{p}].text", text(4, 10, tag), stage() if not p else think())
        whys = rng.randint(1, 2)
        for w in range(whys):
            plan.key(CTRL_O, think())  # ask why (again): a why below
            plan.type(f"priorities[{p}].whys[{w}]", text(3, 8), think(0, 0.2))
        if p + 1 < priorities and rng.random() < 0.5:
            for _ in range(whys):
                plan.key(UP)  # back to the priority (Enter there adds the next one too)

    plan.key(CTRL_N, think())  # objectives: the cascade picker has the cursor
    plan.key(ENTER, stage())  # take the highlighted model; objective 1 has the cursor
    objectives = 4
    for o in range(objectives):
        if o:
            plan.key(ENTER, think())
        plan.type(f"objectives[{o}].text", text(5, 11, tag), think())
        if o % 2 == 1:
            plan.key(CTRL_O, think())  # another wording under it
            plan.type(f"objectives[{o}].variations[0].text", words(rng, 4, 7), think(0, 0.2))
            plan.key(UP)  # back to the objective, where Enter adds the next one

    plan.key(CTRL_N, think())  # key results: objective 1's first key result
    for o in range(objectives):
        if o:
            plan.key(PAGE_DOWN, think())
        count = rng.randint(3, 4) if scale <= 1 else min(5, rng.randint(3, 5))
        for k in range(count):
            if k:
                # From the owner back to the key result's own line (Up, or Shift+Tab), where
                # Enter adds the next key result below it. Enter on a small field moves on.
                back = UP if rng.random() < 0.5 else SHIFT_TAB
                for _ in range(4):
                    plan.key(back, think(0, 0.1))
                plan.key(ENTER, think())
            base = f"objectives[{o}].key_results[{k}]"
            start, target = rng.randint(1, 90), rng.randint(100, 900)
            plan.type(f"{base}.text", f"{text(3, 7)} from {start} to {target}",
                      stage() if (o, k) == (0, 0) else think())  # fmt: skip
            for name, value in (
                ("start", str(start)),
                ("target", str(target)),
                ("unit", rng.choice(UNITS)),
                ("owner", person(rng)),
            ):
                plan.key(TAB)
                plan.type(f"{base}.{name}", value, think(0, 0.15))

    plan.key(CTRL_N, think())  # the cadence
    plan.key(CTRL_N, think())  # wrap-up: the first question
    questions = rng.randint(3, 4)
    for q in range(questions):
        if q:
            plan.key(ENTER, think())
        plan.type(f"questions[{q}].text", text(4, 9) + "?",
                  stage() if not q else think())  # fmt: skip
    plan.key(DOWN, think())  # the first next step
    steps = rng.randint(2, 3)
    for s in range(steps):
        if s:
            plan.key(ENTER, think())  # from the owner: the next step
        plan.type(f"steps[{s}].text", text(3, 8), think())
        plan.key(TAB)
        plan.type(f"steps[{s}].owner", person(rng), think(0, 0.15))
    return plan


def plan_with(seed: int, min_keys: int) -> Plan:
    scale = 1.0
    while True:
        plan = make_plan(seed, scale)
        if len(plan.keys) + 1 >= min_keys:  # + Ctrl+Q
            return plan
        scale *= 1.1


# -- what the database holds ---------------------------------------------------------


def stored_fields(workshop: Any) -> dict[str, str]:
    """Every text field of the stored workshop, by the same paths as `Plan.expected`."""
    out: dict[str, str] = {}
    for name in ("team", "period", "facilitator", "champion", "timezone", "follow_up_note"):
        out[name] = getattr(workshop, name) or ""
    for i, name in enumerate(workshop.participants):
        out[f"participants[{i}]"] = name
    for i, parent in enumerate(workshop.parent_objectives):
        out[f"parent_objectives[{i}].text"] = parent.text
        for j, kr in enumerate(parent.key_results):
            out[f"parent_objectives[{i}].key_results[{j}]"] = kr.text
    for i, priority in enumerate(workshop.priorities):
        out[f"priorities[{i}].text"] = priority.text
        for j, why in enumerate(priority.whys):
            out[f"priorities[{i}].whys[{j}]"] = why
    for i, objective in enumerate(workshop.objectives):
        out[f"objectives[{i}].text"] = objective.text
        for j, variation in enumerate(objective.variations):
            out[f"objectives[{i}].variations[{j}].text"] = variation.text
        for j, kr in enumerate(objective.key_results):
            for name in ("text", "start", "target", "unit", "owner"):
                out[f"objectives[{i}].key_results[{j}].{name}"] = getattr(kr, name)
    for i, item in enumerate(workshop.questions):
        out[f"questions[{i}].text"] = item.text
        out[f"questions[{i}].owner"] = item.owner
    for i, item in enumerate(workshop.next_steps):
        out[f"steps[{i}].text"] = item.text
        out[f"steps[{i}].owner"] = item.owner
    for i, meeting in enumerate(workshop.meetings):
        out[f"meetings[{i}].note"] = meeting.note
    return out


def unmatched(typed: str, stored: str) -> tuple[str, str]:
    """(typed characters, stored characters) left over by the longest common subsequence."""
    n, m = len(typed), len(stored)
    if typed == stored:
        return "", ""
    # LCS table; fields are short (a few hundred characters at worst).
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if typed[i] == stored[j] else max(below[j], row[j + 1])
    i = j = 0
    missing: list[str] = []
    extra: list[str] = []
    while i < n and j < m:
        if typed[i] == stored[j]:
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            missing.append(typed[i])
            i += 1
        else:
            extra.append(stored[j])
            j += 1
    missing.extend(typed[i:])
    extra.extend(stored[j:])
    return "".join(missing), "".join(extra)


def compare(expected: dict[str, str], stored: dict[str, str]) -> dict[str, Any]:
    """Lost and misplaced characters, and the fields that differ (worst first)."""
    missing_all: Counter[str] = Counter()
    extra_all: Counter[str] = Counter()
    differ = []
    for path in sorted(set(expected) | set(stored)):
        typed, held = expected.get(path, ""), stored.get(path, "")
        missing, extra = unmatched(typed, held)
        if missing or extra:
            missing_all.update(missing)
            extra_all.update(extra)
            differ.append(
                {"field": path, "typed": typed, "stored": held, "missing": missing, "extra": extra}
            )
    misplaced = sum(extra_all.values())
    found_elsewhere = sum((missing_all & extra_all).values())
    lost = sum(missing_all.values()) - found_elsewhere
    differ.sort(key=lambda d: -(len(d["missing"]) + len(d["extra"])))
    return {"lost": lost, "misplaced": misplaced, "fields_differing": len(differ), "fields": differ}


# -- the run -------------------------------------------------------------------------


# `while True: pass`, which also ends when this driver is gone (killed by the runner's
# timeout, say) or after an hour, so a burner is never left spinning on a shared machine.
BURNER = """
import os, time
parent, end = os.getppid(), time.monotonic() + 3600
while os.getppid() == parent and time.monotonic() < end:
    for _ in range(2_000_000):
        pass
"""


def burners(count: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", BURNER]) for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", type=Path)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 1_000_000)
    parser.add_argument("--size", default="160x45")
    parser.add_argument("--min-keys", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--burners", type=int, default=2)
    parser.add_argument("--quit-timeout", type=float, default=300.0)
    args = parser.parse_args()
    columns, lines = (int(x) for x in args.size.split("x"))

    from workshop.core.db.store import Store
    from workshop.core.session.session import local_timezone, next_quarter

    plan = plan_with(args.seed, args.min_keys)
    expected = dict(plan.expected)
    app = AppInTerminal(args.db, columns=columns, lines=lines)
    hogs = burners(args.burners)
    load_before = os.getloadavg()[0]
    result: dict[str, Any] = {"seed": args.seed, "size": [columns, lines]}
    try:
        app.wait_for("Start a new workshop", timeout=120)
        # What the set-up stage fills in itself (no one types there).
        expected["period"] = next_quarter(date.today())
        zone = local_timezone()
        expected["timezone"] = zone
        step = 1.0 / args.rate
        started = time.monotonic()
        due = started
        late = 0.0
        mark_last = last_sent = 0.0
        for index, (data, pause) in enumerate(plan.keys):
            if index == len(plan.keys) - 1:
                mark_last = app.mark()
            due += pause
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            else:
                late = max(late, now - due)
            app.send(data)
            last_sent = time.monotonic()
            due = max(due, time.monotonic() - step) + step
        typing_seconds = time.monotonic() - started
        # How far the app is behind the typist: until the last words typed are drawn.
        last_words = plan.last_text[-12:]
        try:
            lag = app.wait_for(last_words, since=mark_last, timeout=args.quit_timeout)
            lag -= last_sent
        except RuntimeError:
            lag = None
        quit_sent = time.monotonic()
        app.send(CTRL_Q)
        code = app.wait_exit(args.quit_timeout)
        quit_seconds = time.monotonic() - quit_sent
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
        tail = app.text(4000)
        app.stop()
    result.update(
        keys=len(plan.keys) + 1,
        chars=plan.chars,
        typing_seconds=round(typing_seconds, 2),
        keys_per_second=round(len(plan.keys) / typing_seconds, 1),
        most_late_key=round(late, 3),
        lag_seconds=None if lag is None else round(lag, 2),
        quit_seconds=round(quit_seconds, 2),
        exit_code=code,
        load_before=load_before,
        load_after=os.getloadavg()[0],
    )
    if code != 0:
        result["screen_tail"] = tail[-1500:]
    store = Store.open(f"sqlite:///{args.db}")
    try:
        summaries = store.list_workshops()
        result["workshops"] = len(summaries)
        if len(summaries) != 1:
            result.update(lost=plan.chars, misplaced=0, error="no single workshop stored")
            emit(**result)
            return
        workshop = store.load(summaries[0].id)
    finally:
        store.close()
    found = compare(expected, stored_fields(workshop))
    found["fields"] = found["fields"][:12]
    result.update(found, cascade_model=str(workshop.cascade_model))
    emit(**result)


if __name__ == "__main__":
    if len(sys.argv) == 1:
        sys.argv.append(str(Path(tempfile.mkdtemp(prefix="okr-keys-")) / "keys.db"))
    main()
