"""The two places the app leans on Textual's private API, pinned to the version we pin.

`FieldInput` (workshop/tui/widgets/fields.py) draws control characters as visible
stand-ins by overriding three private methods of Textual's `Input`, and wraps a fourth
(`_watch_value`) so that typing redraws the field instead of laying out the whole
stage. If an upgrade renames them, this fails first, before the hostile-text tests
show raw escape sequences or typing slows down.

`workshop/tui/gc_tuning.py` cuts the reference cycles of widgets Textual has removed and
gives `Strip` lighter caches, so garbage collections stay short (issue 12); it reads
Textual's private attributes to do so, applies only to the exact pinned version, and
`tests/tui/test_gc_tuning.py` checks every detail it relies on.

Nothing else in `workshop/` touches a private name of Textual.
"""

from __future__ import annotations

import inspect
import re
from importlib.metadata import version
from pathlib import Path

from textual.widgets import Input

import workshop
from workshop.tui.widgets.fields import FieldInput

PRIVATE_OVERRIDES = ("_value", "_position_to_cell", "_cell_offset_to_index", "_watch_value")


def test_textual_is_the_minor_version_the_overrides_were_written_for():
    assert version("textual").startswith("8.2."), version("textual")


def test_input_still_has_the_private_members_field_input_overrides():
    for name in PRIVATE_OVERRIDES:
        assert hasattr(Input, name), name
        assert name in vars(FieldInput), name
    assert inspect.signature(Input._position_to_cell).parameters.keys() == {"self", "position"}
    assert inspect.signature(Input._cell_offset_to_index).parameters.keys() == {"self", "offset"}
    assert inspect.signature(Input._watch_value).parameters.keys() == {"self", "value"}


def test_no_other_module_uses_a_private_textual_name():
    private = re.compile(
        r"\bfrom textual\._|\bimport textual\._|super\(\)\._(value|position|cell|watch_value)"
    )
    root = Path(workshop.__file__).parent
    users = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if private.search(path.read_text(encoding="utf-8"))
    }
    assert users <= {"tui/widgets/fields.py", "tui/gc_tuning.py"}, users
