"""Rewrite the test modules' asserts once, before the parallel workers start.

pytest rewrites the `assert` statements of each test module as it imports it, and
caches the result beside the module (`__pycache__/*-pytest-*.pyc`). On a fresh clone
there is no cache yet (CI always runs on one, and so does the README's test command on
a new checkout), and every worker started at once rewrote every module itself: about
2.8 s of CPU each, so 11 s of CPU before the first test on two cores, with four
workers. Measured on a fresh clone, from `pytest -n auto` to the end of collection:
16.0 s, against 10.3 s once the cache is there.

Here the controller writes the cache first, split between one process per core,
exactly as pytest's own import hook would (same functions, same files); the workers
then find it. If anything here fails, the workers rewrite as before: nothing depends
on it but time. `_rewrite_test`, `_read_pyc`, `_write_pyc`, `get_cache_dir` and
`PYC_TAIL` are private to pytest (written against 8.4; pyproject.toml keeps it below 9);
tests/test_harness.py runs a module rewritten here and checks pytest's own message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import pytest


def usable_cores() -> int:
    """The cores this process may run on (the whole machine where that cannot be asked)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


def modules_to_rewrite(tests_folder: Path) -> list[Path]:
    """The test modules and conftest files pytest rewrites, in a stable order."""
    return sorted([*tests_folder.rglob("test_*.py"), *tests_folder.rglob("conftest.py")])


def rewrite_into_cache(config: pytest.Config, paths: list[Path]) -> int:
    """Rewrite and cache each module whose cache is missing or stale; how many were."""
    from _pytest.assertion import rewrite

    state = config.stash[rewrite.assertstate_key]
    written = 0
    for path in paths:
        cache_dir = rewrite.get_cache_dir(path)
        pyc = cache_dir / (path.name[:-3] + rewrite.PYC_TAIL)
        if rewrite._read_pyc(path, pyc) is not None:
            continue
        cache_dir.mkdir(exist_ok=True)
        source_stat, code = rewrite._rewrite_test(path, config)
        written += rewrite._write_pyc(state, code, source_stat, pyc)
    return written


def rewrite_before_the_workers_start(config: pytest.Config, tests_folder: Path) -> None:
    """In the controller of a parallel run: fill pytest's rewrite cache, one process a core."""
    if config.getoption("assertmode", "rewrite") != "rewrite" or sys.dont_write_bytecode:
        return
    paths = modules_to_rewrite(tests_folder)
    cores = usable_cores()
    shares = [paths[i::cores] for i in range(cores)]
    children = []
    for share in shares[1:]:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, measured by the run's time
            status = 1
            try:
                rewrite_into_cache(config, share)
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    with contextlib.suppress(Exception):  # the workers rewrite what is missing, as before
        rewrite_into_cache(config, shares[0])
    for pid in children:
        os.waitpid(pid, 0)
