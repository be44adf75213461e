"""Safe file names, default paths, atomic writes, and the light public module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.exports.hostile import HOSTILE
from tests.exports.sample import full_workshop
from workshop.core.domain import Workshop
from workshop.core.exports import (
    ExportError,
    default_export_path,
    export_workshop,
    render,
)
from workshop.core.exports.atomic import write_atomic
from workshop.core.exports.names import MAX_PART_BYTES, export_stem, slugify


@pytest.mark.parametrize(
    ("team", "period", "wid", "expected"),
    [
        ("Customer Platform", "2027-Q1", 3, "customer-platform-2027-q1"),
        ("Équipe Données", "T1 2027", 3, "équipe-données-t1-2027"),
        ("../../etc/passwd", "", 3, "etc-passwd"),
        (".hidden", "..", 3, "hidden"),
        ("", "", 12, "workshop-12"),
        ("", "2027-Q1", None, "workshop-2027-q1"),
        ("🚀🚀", "", 4, "workshop-4"),
        ("\x00\x1b[2J", "", 5, "2j"),
        ("CON", "", 1, "con-team"),
        ('a/b\\c:d*e?f"g<h>i|j', "", 1, "a-b-c-d-e-f-g-h-i-j"),
    ],
)
def test_export_stem(team: str, period: str, wid: int | None, expected: str) -> None:
    assert export_stem(team, period, wid) == expected


@pytest.mark.parametrize("text", list(HOSTILE.values()))
def test_slugs_are_safe_for_every_hostile_string(text: str) -> None:
    stem = export_stem(text, text, 9)
    assert stem and not stem.startswith((".", "-"))
    assert "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert all(ch.isprintable() for ch in stem)
    assert len(stem.encode()) <= 2 * MAX_PART_BYTES + 1
    assert slugify(text) == slugify(slugify(text))


def test_default_export_path_is_under_exports_in_cwd(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    workshop = Workshop(id=3, team="../Team/../x", period="2027/Q1")
    for fmt in ("pdf", "md", "json", "csv", "ics"):
        path = default_export_path(workshop, fmt)
        assert path == tmp_path / "exports" / f"team-x-2027-q1.{fmt}"
    with pytest.raises(ExportError, match="unknown export format"):
        default_export_path(workshop, "docx")


def test_export_creates_the_folder_and_writes(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "w.json"
    written = export_workshop(full_workshop(), "json", target)
    assert written == target
    assert target.read_bytes() == render(full_workshop(), "json")
    assert os.stat(target).st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["w.json"]


def test_failed_render_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    from workshop.core.exports import csv_format

    target = tmp_path / "w.csv"
    target.write_bytes(b"old")

    def boom(_workshop: Workshop) -> bytes:
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(csv_format, "dumps", boom)
    with pytest.raises(RuntimeError):
        export_workshop(full_workshop(), "csv", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.csv"]


def test_failed_write_removes_the_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "w.bin"

    def broken_replace(_src: str, _dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError, match="No space left on device"):
        write_atomic(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_removes_the_temp_file(tmp_path: Path, monkeypatch) -> None:
    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "w.bin", b"data")
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="it is a folder"):
        export_workshop(full_workshop(), "json", tmp_path)


def test_unknown_page_size(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="page size"):
        render(full_workshop(), "pdf", page_size="a3")


def test_public_module_is_light() -> None:
    code = (
        "import sys, workshop.core.exports\n"
        "heavy = [m for m in ('weasyprint', 'jinja2', 'icalendar') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
