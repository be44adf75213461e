"""A paste through the real terminal keeps its text, stored verbatim and shown literally.

The app runs in a pseudo-terminal and the text arrives as a terminal sends a paste
(bracketed: ESC [200~ ... ESC [201~), through Textual's input parser. What Textual's
parser cannot carry is listed in RELIABILITY.md (an ESC or NUL inside a paste).
"""

from __future__ import annotations

import sys
import time

import pytest

from tests.reliability.test_crash import ENTER, AppInTerminal
from workshop.core.db.store import Store

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

PASTED = "Ops \u202eright-to-left\u202c bell\x07 tab\tend: ünïcødé 🙂"
CTRL_Q = b"\x11"


def test_a_pasted_line_is_stored_verbatim_and_drawn_with_stand_ins(tmp_path):
    db = tmp_path / "paste.db"
    app = AppInTerminal(db, columns=160, lines=45)
    try:
        app.wait_for("Start a new workshop")
        app.press(ENTER)
        app.wait_for("Before we start")
        since = app.mark()
        app.press(b"\x1b[200~" + PASTED.encode() + b"\x1b[201~")
        app.wait_for("ünïcødé", since)
        drawn = app.screen_text(since)
        # Drawn with stand-ins: the bell and the tab as control pictures, the
        # right-to-left override as a replacement sign that reorders nothing.
        assert "bell␇ tab␉end" in drawn
        assert "\u202e" not in drawn
        app.press(CTRL_Q)
        deadline = time.monotonic() + 60
        while not app.dead.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        app.reap()
    finally:
        app.stop()
    store = Store.open(f"sqlite:///{db}")
    try:
        (summary,) = store.list_workshops()
        assert store.load(summary.id).team == PASTED
    finally:
        store.close()
