"""The test harness's shortcuts through Textual (tests/conftest.py) change nothing it computes.

They replace private details of the pinned Textual to spend less CPU per test; these
checks fail first if an upgrade moves what they were written against.
"""

from __future__ import annotations

import functools
import inspect
import re
from pathlib import Path

import pytest
import textual
import textual._callback
import textual._compositor
import textual._queue
from textual.css.model import RuleSet
from textual.strip import Strip

from tests.conftest import pytest_xdist_auto_num_workers
from tests.rewrite_once import modules_to_rewrite, rewrite_into_cache


def test_the_parameter_count_is_the_one_textual_would_compute() -> None:
    def none() -> None: ...
    def two(a, b=1): ...
    def every_kind(a, /, b, *args, c, d=2, **kwargs): ...
    def keyword_only(*, a): ...
    def closure_maker():
        seen = []
        return lambda item, more: seen.append((item, more))

    @functools.wraps(two)
    def wrapped(*args, **kwargs): ...

    class Handler:
        def method(self, event): ...

    callables = [none, two, every_kind, keyword_only, closure_maker(), wrapped, lambda: 0]
    counted = textual._callback._count_parameters
    assert counted.__module__ == "tests.conftest"  # the harness's version is in place
    for func in callables:
        assert counted(func) == len(inspect.signature(func).parameters), func
    # Bound methods, partials and classes still go through Textual's own path.
    assert textual._callback.count_parameters(Handler().method) == 1
    assert textual._callback.count_parameters(functools.partial(two, 1)) == 1


def test_textual_still_counts_parameters_where_the_harness_replaces_it() -> None:
    source = inspect.getsource(textual._callback.count_parameters)
    assert "_count_parameters(func)" in source
    assert textual.__version__ == "8.2.8"


def test_a_rule_set_hashes_by_identity_as_textual_defines_it() -> None:
    model = Path(inspect.getfile(RuleSet)).read_text(encoding="utf-8")
    rule_set = model[model.index("class RuleSet") :]
    assert re.search(r"def __hash__\(self\):\s+return id\(self\)", rule_set)
    first, second = RuleSet(), RuleSet()
    assert first == second  # equal fields, as Textual's dataclass compares them
    assert len({first, second}) == 2  # yet two rules in a set, as with id()
    assert hash(first) == hash(first)


def test_the_tests_draw_with_the_apps_strips() -> None:
    assert getattr(Strip.__init__, "_slim", False)


def test_auto_runs_two_workers_per_core(monkeypatch) -> None:
    for cores, workers in [(1, 2), (2, 4), (4, 8), (8, 16)]:
        monkeypatch.setattr("os.sched_getaffinity", lambda _pid, n=cores: set(range(n)))
        assert pytest_xdist_auto_num_workers(None) == workers  # type: ignore[arg-type]


def test_the_asserts_rewritten_before_the_workers_start_are_what_pytest_reads(
    pytestconfig: pytest.Config, tmp_path: Path
) -> None:
    from _pytest.assertion import rewrite

    module = tmp_path / "test_sample.py"
    module.write_text("def test_sum():\n    total = 1 + 1\n    assert total == 3\n")
    assert rewrite_into_cache(pytestconfig, [module]) == 1
    assert rewrite_into_cache(pytestconfig, [module]) == 0  # up to date: left alone
    cached = rewrite._read_pyc(
        module, rewrite.get_cache_dir(module) / f"test_sample{rewrite.PYC_TAIL}"
    )
    assert cached is not None
    namespace: dict = {}
    exec(cached, namespace)
    with pytest.raises(AssertionError, match="assert 2 == 3"):  # pytest's rewritten message
        namespace["test_sum"]()


def test_every_test_module_is_rewritten_before_the_workers_start() -> None:
    tests = Path(__file__).parent
    listed = set(modules_to_rewrite(tests))
    assert Path(__file__) in listed and tests / "conftest.py" in listed
    assert tests / "tui" / "test_footer.py" in listed
    assert not [path for path in listed if not path.name.startswith(("test_", "conftest"))]


def test_the_screen_wait_reads_what_the_pinned_textual_does() -> None:
    from textual.message_pump import MessagePump
    from textual.pilot import Pilot
    from textual.widget import Widget

    from tests import screen_wait

    loop = inspect.getsource(MessagePump._process_messages_loop)
    assert "message = await self._get_message()" in loop
    assert "await self._message_queue.get()" in inspect.getsource(MessagePump._get_message)
    queue = inspect.getsource(textual._queue.Queue.get)  # type: ignore[attr-defined]
    assert "await self.ready_event.wait()" in queue
    check_refresh = inspect.getsource(Widget._check_refresh)
    assert set(re.findall(r"self\.(_\w+_required)\b", check_refresh)) == set(screen_wait._IDLE_WORK)
    textuals = inspect.getsource(screen_wait.TEXTUAL_WAIT_FOR_SCREEN)
    for line in (
        "children = [self.app, *screen.walk_children(with_self=True)]",
        "if child.call_later(decrement_counter):",
        "self.app._exception_event.wait()",
    ):
        assert line in textuals, line
    assert Pilot._wait_for_screen is screen_wait.wait_for_screen  # in place for every test


async def test_the_screen_wait_still_waits_for_a_widget_that_is_busy() -> None:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.message import Message
    from textual.widgets import Static

    from tests.screen_wait import is_waiting_for_messages

    release = asyncio.Event()
    handled: list[str] = []

    class Slow(Message):
        pass

    class Worker(Static):
        async def on_slow(self, _message: Slow) -> None:
            await release.wait()
            handled.append("slow")

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("idle", id="idle")
            yield Worker("busy", id="busy")

    app = Tiny()
    async with app.run_test() as pilot:
        await pilot._wait_for_screen()
        idle, busy = app.query_one("#idle"), app.query_one("#busy")
        assert is_waiting_for_messages(idle) and is_waiting_for_messages(busy)
        busy.post_message(Slow())
        assert not is_waiting_for_messages(busy)  # a message queued
        waiting = asyncio.create_task(pilot._wait_for_screen())
        for _ in range(20):
            await asyncio.sleep(0)
        assert not is_waiting_for_messages(busy)  # inside its handler
        assert not waiting.done() and not handled
        release.set()
        assert await waiting
        assert handled == ["slow"]
        assert is_waiting_for_messages(busy)


def test_headless_drawing_reads_what_the_pinned_textual_does() -> None:
    from textual.app import App
    from textual.screen import Screen

    from tests import headless_drawing

    textuals = inspect.getsource(headless_drawing.TEXTUAL_COMPOSITOR_REFRESH)
    for line in (
        "update = self._compositor.render_update(",
        "app._display(self, update)",
        "self._dirty_widgets.clear()",
        "app._update_mouse_over(self)",
    ):
        assert line in textuals, line
    # The regions kept for the next look are the ones a partial update draws.
    assert "self._dirty_regions.clear()" in inspect.getsource(
        textual._compositor.Compositor.render_partial_update  # type: ignore[attr-defined]
    )
    assert Screen._compositor_refresh is headless_drawing.refresh_without_drawing
    assert getattr(App.run_test, "textual_run_test", None) is not None  # in place


async def test_what_changed_is_drawn_when_the_test_looks_and_a_drawing_failure_fails() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    drawn: list[str] = []

    class Sign(Static):
        broken = False

        def render_line(self, y: int) -> Strip:
            if self.broken:
                raise RuntimeError("cannot draw")
            drawn.append(str(self.render()))
            return super().render_line(y)

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield Sign("first")

    app = Tiny()
    async with app.run_test() as pilot:
        sign = app.query_one(Sign)
        await pilot.pause()
        assert drawn and drawn[-1] == "first"
        drawn.clear()
        sign.update("second")
        await pilot._wait_for_screen()
        await pilot.press("x")  # frames come and go: nothing is drawn yet
        assert not drawn
        await pilot.pause()  # the test looks: what changed is drawn, as it is now
        assert drawn and set(drawn) == {"second"}
        drawn.clear()
        sign.update("third")
    assert set(drawn) == {"third"}  # drawn once more as the run ends

    app = Tiny()
    with pytest.raises(RuntimeError, match="cannot draw"):
        async with app.run_test() as pilot:
            sign = app.query_one(Sign)
            sign.broken = True
            sign.update("broken")
            await pilot.pause()


async def test_an_app_run_as_the_snapshot_tests_run_it_draws_every_frame() -> None:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Static

    drawn: list[str] = []

    class Sign(Static):
        def render_line(self, y: int) -> Strip:
            drawn.append(str(self.render()))
            return super().render_line(y)

    class Tiny(App[None]):
        def compose(self) -> ComposeResult:
            yield Sign("first")

    async def auto_pilot(pilot) -> None:
        pilot.app.query_one(Sign).update("later")
        for _ in range(3000):  # a frame is due within 1/60 s: wait for it, not a time
            if "later" in drawn:
                break
            await asyncio.sleep(0.001)
        pilot.app.exit()

    await Tiny().run_async(headless=True, auto_pilot=auto_pilot)  # as snap_compare does
    assert "later" in drawn  # drawn by a frame: no pause, no end of run_test
