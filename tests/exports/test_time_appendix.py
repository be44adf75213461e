"""The handout's time appendix: a stage the clock never ran in reads "not run"."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.exports.sample import full_workshop
from workshop.core.domain import StageTiming, Workshop
from workshop.core.exports import content, render


def ended_after_two_stages() -> Workshop:
    """The overview ran 2 min over and the goals 1 min under; nothing after them ran."""
    timings = [
        StageTiming(key="setup", title="Set-up", planned_seconds=0,
                    adjusted_seconds=0, actual_seconds=0),
        StageTiming(key="overview", title="Overview", planned_seconds=1800,
                    adjusted_seconds=1800, actual_seconds=1920),
        StageTiming(key="goals", title="Goals", planned_seconds=900,
                    adjusted_seconds=900, actual_seconds=840),
        StageTiming(key="objectives", title="Objectives", planned_seconds=1500,
                    adjusted_seconds=1500, actual_seconds=0.3),
        StageTiming(key="wrap_up", title="Wrap-up", planned_seconds=600,
                    adjusted_seconds=600, actual_seconds=0),
    ]  # fmt: skip
    return full_workshop().model_copy(update={"timings": timings})


def test_stages_never_run_are_marked_and_the_total_counts_what_ran() -> None:
    handout = content.build(ended_after_two_stages())
    rows = {row.title: (row.actual, row.difference) for row in handout.timings}
    assert rows == {
        "Set-up": ("0:00", "untimed"),
        "Overview": ("32:00", "+2:00"),
        "Goals": ("14:00", "\u22121:00"),
        "Objectives": ("0:00", "not run"),
        "Wrap-up": ("0:00", "not run"),
    }
    total = handout.timing_total
    assert total is not None
    # Planned and adjusted still add up every stage; the difference only those that ran.
    assert (total.planned, total.adjusted, total.actual) == ("80:00", "80:00", "46:00")
    assert total.difference == "+1:00"


def test_a_workshop_whose_clock_never_ran_reads_not_run_throughout() -> None:
    workshop = ended_after_two_stages()
    timings = [t.model_copy(update={"actual_seconds": 0}) for t in workshop.timings]
    handout = content.build(workshop.model_copy(update={"timings": timings}))
    assert {row.difference for row in handout.timings} == {"not run", "untimed"}
    assert handout.timings[0].difference == "untimed"  # set-up has no time planned
    assert handout.timing_total is not None and handout.timing_total.difference == "not run"


def test_the_markdown_and_the_pdf_say_not_run() -> None:
    workshop = ended_after_two_stages()
    markdown = render(workshop, "md").decode()
    assert "| Wrap-up | 10:00 | 10:00 | 0:00 | not run |" in markdown
    pdf = PdfReader(io.BytesIO(render(workshop, "pdf")))
    appendix = next(p.extract_text() for p in pdf.pages if "time per stage" in p.extract_text())
    assert "not run" in appendix
    assert "\u221210:00" not in appendix and "\u221225:00" not in appendix
