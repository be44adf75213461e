"""The tick of an open workshop, on a fake clock and a fake session (no Textual, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.test_timer import FakeClocks, make
from workshop.core.session.session import LeaseNews
from workshop.core.session.ticker import EDITABLE_AGAIN, SAVED_AGAIN, SessionTicker
from workshop.core.session.writer import SaveStatus


@dataclass
class FakeSession:
    """Counts what the ticker asks of it; the writer's findings are set by the test."""

    timer: object
    read_only: bool = False
    save_status: SaveStatus = field(default_factory=SaveStatus)
    news: list[LeaseNews] = field(default_factory=list)
    flushes: int = 0
    checkpoints: int = 0

    def flush(self) -> int:
        self.flushes += 1
        return 0

    def checkpoint(self) -> None:
        self.checkpoints += 1

    def poll(self) -> LeaseNews:
        return self.news.pop(0) if self.news else LeaseNews()


def setup() -> tuple[FakeClocks, FakeSession, SessionTicker]:
    clocks = FakeClocks()
    timer = make(clocks)
    timer.goto(1)
    session = FakeSession(timer)
    return clocks, session, SessionTicker(session, clock=clocks.mono)


def test_every_tick_hands_typing_on_and_a_running_clock_is_saved_once_a_second():
    clocks, session, ticker = setup()
    ticker.tick()
    assert (session.flushes, session.checkpoints) == (1, 0)  # a stopped clock has nothing new
    session.timer.start()
    for _ in range(8):  # two seconds at the app's four ticks a second
        ticker.tick()
        clocks.advance(0.25)
    assert session.flushes == 9
    assert session.checkpoints == 2


def test_saving_failing_and_catching_up_is_said_once_each():
    _, session, ticker = setup()
    session.save_status = SaveStatus("failing", "Not saved: the disk is full.", 3)
    first, second = ticker.tick(), ticker.tick()
    assert [n.message for n in first.notices] == ["Not saved: the disk is full."]
    assert first.notices[0].severity == "error"
    assert second.notices == () and second.save_status.state == "failing"
    session.save_status = SaveStatus()
    assert [n.message for n in ticker.tick().notices] == [SAVED_AGAIN]
    assert ticker.tick().notices == ()


def test_the_lease_coming_back_is_said_and_passed_on():
    _, session, ticker = setup()
    session.news = [LeaseNews(changed=True), LeaseNews(reloaded=True)]
    tick = ticker.tick()
    assert tick.lease_changed and [n.message for n in tick.notices] == [EDITABLE_AGAIN]
    tick = ticker.tick()
    assert tick.reloaded and not tick.lease_changed and tick.notices == ()


def test_the_bell_rings_once_at_the_warning():
    clocks, session, ticker = setup()
    session.timer.start()
    clocks.advance(26 * 60)  # the overview's 30 minutes: nearly time
    assert ticker.tick().bell
    assert not ticker.tick().bell
