"""The room's command-line options."""

from __future__ import annotations

from click.testing import CliRunner

from workshop.cli import main


def test_dot_settings_that_cannot_work_are_refused_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    result = CliRunner().invoke(
        main, ["--db", url, "--room", "--room-dots", "2", "--room-dots-per-note", "3"]
    )
    assert result.exit_code == 1
    assert "cannot exceed the dots each person has" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
