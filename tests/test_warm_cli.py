"""The warm command-line runner behaves as a process of its own would (`tests/warm_cli.py`)."""

from __future__ import annotations

import os

from tests.warm_cli import WarmCli, run_warm


def test_a_child_has_its_own_folder_environment_status_and_output(tmp_path):
    warm = WarmCli()
    try:
        program = (
            "import os, sys\n"
            "print(os.getcwd(), os.environ['ONLY_HERE'], sys.argv[1:])\n"
            "print('to stderr', file=sys.stderr)\n"
            "os.environ['LEAKED'] = '1'\n"
            "sys.exit(3)\n"
        )
        env = {"ONLY_HERE": "yes", "PATH": os.environ.get("PATH", "")}
        status, out, err = warm.run(program, ["-c", "a", "b"], env=env, cwd=tmp_path, timeout=60)
        assert (status, err) == (3, b"to stderr\n")
        assert out.decode() == f"{tmp_path} yes ['a', 'b']\n"
        # The next child starts from the server, not from what the last one changed.
        program = "import os; print(os.environ.get('LEAKED'), os.environ.get('ONLY_HERE'))"
        status, out, _ = warm.run(program, ["-c"], env={}, cwd=tmp_path, timeout=60)
        assert (status, out) == (0, b"None None\n")
    finally:
        warm.close()


def test_an_uncaught_error_prints_its_traceback_and_exits_1(tmp_path):
    planted = "import workshop.cli\nworkshop.cli.main = lambda: 1 / 0"
    result = run_warm("list", env={}, cwd=tmp_path, first=planted)
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.rstrip().endswith("ZeroDivisionError: division by zero")
