"""CI runs the README's test command word for word, and every linter and checker."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    commands = readme.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    test_command = commands[1]
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert any(line.startswith(test_command + " ||") for line in ci_lines), test_command


def test_ci_runs_every_check_on_its_own_line() -> None:
    """Ruff, the import contracts and the type checker each run, and each failure is named."""
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    for command in (
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/lint-imports",
        ".venv/bin/mypy workshop",
    ):
        assert any(line.startswith(command + " || failed+=(") for line in ci_lines), command


def test_mypy_is_configured_for_pydantic() -> None:
    """The type checker reads pydantic's (and so SQLModel's) models through its plugin."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert "pydantic.mypy" in config["plugins"]
