"""Where the time goes: `-X importtime` summaries and cProfile tops for the slow figures.

    .venv/bin/python bench/profile.py [--top N] [--cprofile]

For `okr-workshop --help`, `okr-workshop list`, the PDF export and both first
screens (ours and the floor app), runs the command once with `-X importtime`
and prints the self time of imports grouped by top-level package, plus the
slowest project modules by cumulative time. With --cprofile, also prints the
cProfile top (by cumulative time) of `list` and of the app's first screen.
Import times under `-X importtime` run slower than normal; compare the shares.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from common import BENCH_DIR, okr_command, python, run_child, sqlite_url

LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def importtime(command: list[str], env: dict[str, str]) -> tuple[dict, list, float]:
    """Self time per top-level package, the project's modules, and the total (seconds)."""
    result = run_child(command, env={**env, "PYTHONPROFILEIMPORTTIME": "1"})
    by_package: dict[str, float] = defaultdict(float)
    ours: list[tuple[float, str]] = []
    total = 0.0
    for line in result.stderr.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        self_us, cumulative_us, indent, name = match.groups()
        by_package[name.split(".")[0]] += int(self_us) / 1e6
        total += int(self_us) / 1e6
        if name.split(".")[0] in ("workshop", "tests") and len(indent) <= 5:
            ours.append((int(cumulative_us) / 1e6, name))
    if not result.ok:
        print(f"  (exited {result.returncode}: {result.failure()})")
    return dict(by_package), sorted(ours, reverse=True), total


def show_importtime(title: str, command: list[str], env: dict[str, str], top: int) -> None:
    by_package, ours, total = importtime(command, env)
    print(f"\n## {title}\n`{' '.join(Path(c).name for c in command[:3])} ...`")
    print(f"imports: {total * 1000:.0f} ms in all (self times, under -X importtime)")
    ranked = sorted(by_package.items(), key=lambda kv: kv[1], reverse=True)[:top]
    print("  " + ", ".join(f"{name} {secs * 1000:.0f}" for name, secs in ranked) + "  (ms)")
    if ours:
        print("  project modules, cumulative: ", end="")
        print(", ".join(f"{name} {secs * 1000:.0f}" for secs, name in ours[:6]) + "  (ms)")


def show_cprofile(title: str, script: list[str], env: dict[str, str], top: int) -> None:
    command = [python(), "-c", _CPROFILE.format(top=top, argv=script)]
    result = run_child(command, env=env)
    print(f"\n## cProfile: {title}")
    print(result.stdout.strip() or result.failure())


_CPROFILE = """
import cProfile, io, pstats, runpy, sys
sys.argv = {argv!r}
sys.path.insert(0, {bench!r})
profile = cProfile.Profile()
profile.enable()
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
profile.disable()
out = io.StringIO()
pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats({top})
print("\\n".join(out.getvalue().splitlines()[:{top} + 12]))
""".replace("{bench!r}", repr(str(BENCH_DIR)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="okr-profile-"))
    env = {"OKR_WORKSHOP_DB": sqlite_url(tmp / "default.db")}
    try:
        full = run_child(
            [python(), str(BENCH_DIR / "make_db.py"), "full", str(tmp / "full.db")], env=env
        )
        workshop_id = str(full.report.get("workshop_id", 1))
        url = sqlite_url(tmp / "full.db")
        okr = okr_command()
        driver = str(BENCH_DIR / "drive_first_screen.py")
        runs = [
            ("okr-workshop --help", [*okr, "--help"]),
            ("okr-workshop list", [*okr, "--db", url, "list"]),
            ("python -c 'import textual.app' (floor)", [python(), "-c", "import textual.app"]),
            ("first screen: floor app", [python(), driver, "floor", sqlite_url(tmp / "a.db")]),
            ("first screen: WorkshopApp", [python(), driver, "app", sqlite_url(tmp / "b.db")]),
            (
                "okr-workshop export --format pdf",
                [*okr, "--db", url, "export", workshop_id, "-o", str(tmp / "x.pdf")],
            ),
        ]
        for title, command in runs:
            show_importtime(title, command, env, args.top)
        if args.cprofile:
            show_cprofile(
                "list (whole process)",
                [str(BENCH_DIR / "drive_list.py"), url],
                env,
                args.top,
            )
            show_cprofile(
                "first screen: WorkshopApp (whole process)",
                [driver, "app", sqlite_url(tmp / "c.db")],
                env,
                args.top,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
