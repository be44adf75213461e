"""The command line on a pilot plan: import, list, export (exact JSON), and one-line refusals."""

from __future__ import annotations

from pathlib import Path

from tests.pilot.test_exports import full_pilot
from tests.test_cli import assert_one_line_error, run_cli
from workshop.core.exports import pilot_json


def test_a_pilot_plan_through_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    source = tmp_path / "plan.json"
    source.write_bytes(pilot_json.dumps(full_pilot()))

    imported = run_cli("--db", url, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    pilot_id = imported.stdout.strip()

    listing = run_cli("--db", url, "list")
    assert "OKR pilot plan" in listing.stdout and "Northwind Logistics" in listing.stdout

    out = tmp_path / "again.json"
    exported = run_cli("--db", url, "export", pilot_id, "--format", "json", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes() == source.read_bytes()

    markdown = run_cli("--db", url, "export", pilot_id, "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    written = Path(markdown.stdout.strip())
    assert written.name == "northwind-logistics-2027-pilot.md"
    assert written.read_text().startswith("# OKR pilot plan: Northwind Logistics · 2027")
    written.unlink()

    refused = run_cli("--db", url, "export", pilot_id, "--format", "csv")
    assert_one_line_error(refused, "a pilot plan exports as pdf, md, json")


def test_a_bad_pilot_file_is_refused_in_one_line_and_nothing_is_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    text = pilot_json.dumps(full_pilot()).decode().replace('"scale"', '"vibes"', 1)
    source = tmp_path / "bad.json"
    source.write_text(text)
    result = run_cli("--db", url, "import", str(source))
    assert_one_line_error(result, "bad.json: $.plan.tests[4].aspect: ")
    assert "OKR pilot plan" not in run_cli("--db", url, "list").stdout
