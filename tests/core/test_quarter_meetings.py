"""The quarter from its meetings' records: the check-in history, the pictures, the scorecard
and the exports (CSV one row per key result per check-in, Markdown, PDF with inline SVG)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.core.quarter_sample import sample_workshop
from workshop.core.domain import Workshop
from workshop.core.exports.quarter import (
    CSV_COLUMNS,
    QuarterFiles,
    checkin_markdown,
    checkins_csv,
    progress_svg,
    score_svg,
    scorecard_markdown,
    write_checkin,
    write_scorecard,
)
from workshop.core.okr.checkins import CheckInLog
from workshop.core.okr.meetings import CheckInEntry, CheckInRecord, QuarterEndRecord, checkin_log
from workshop.core.okr.quarter_view import bar, key_result_lines, scorecard, sparkline
from workshop.core.okr.retro import Decision, ObjectiveDecision, Retrospective, Win


def subject() -> Workshop:
    return sample_workshop()


def record(day: dt.date, values: dict[tuple[int, int], tuple[str, int]]) -> CheckInRecord:
    """A check-in meeting's record made the way the screen makes it (through the log)."""
    log = CheckInLog()
    out = CheckInRecord(date=day, present=["Ana", "Ben"])
    for (o, k), (value, confidence) in values.items():
        log = log.record(
            subject(), o, k, date=day, entered_by="Ben", value=value, confidence=confidence
        )
        check_in = log.latest(o, k)
        assert check_in is not None
        out = out.appended(CheckInEntry(objective_index=o, key_result_index=k, check_in=check_in))
    return out


def quarter() -> list[CheckInRecord]:
    return [
        record(
            dt.date(2027, 1, 19), {(0, 0): ("60", 5), (0, 1): ("72%", 6), (1, 0): ("not done", 4)}
        ),
        record(dt.date(2027, 2, 16), {(0, 0): ("48 hours", 6), (0, 1): ("80%", 7)}),
        record(dt.date(2027, 3, 16), {(0, 0): ("30", 8), (1, 0): ("done", 9)}),
    ]


def test_the_history_is_rebuilt_in_date_order_with_previous_values():
    log = checkin_log(subject(), list(reversed(quarter())))
    history = log.history(0, 0)
    assert [c.value for c in history.check_ins] == ["60", "48 hours", "30"]
    assert [c.previous_value for c in history.check_ins] == [None, "60", "48 hours"]
    assert [c.date.month for c in history.check_ins] == [1, 2, 3]


def test_each_key_result_has_the_picture_of_its_quarter():
    lines = key_result_lines(subject(), checkin_log(subject(), quarter()))
    first = lines[0]
    # 72 -> 24 hours, lower is better: 60 is a quarter, 48 a half, 30 seven eighths.
    assert [round(v, 3) for _d, v in first.series] == [0.25, 0.5, 0.875]
    assert first.picture == sparkline([0.25, 0.5, 0.875]) == "▃▅█"
    assert lines[2].picture == "▁█"  # the milestone: not done, then done
    assert bar(0.5, 10) == "█████░░░░░" and bar(None, 4) == "····"


def test_riskiest_first_puts_low_confidence_and_little_progress_on_top():
    log = checkin_log(subject(), quarter()[:1])
    order = [ln.number for ln in key_result_lines(subject(), log, riskiest_first=True)]
    assert order == ["2.1", "1.1", "1.2"]  # confidence 4, then 5, then 6


def test_the_scorecard_applies_the_goal_type_rules():
    end = QuarterEndRecord(date=dt.date(2027, 3, 31))
    for (o, k), score in {(0, 0): 0.9, (0, 1): 0.5, (1, 0): 1.0}.items():
        end = end.with_score(o, k, score)
    cards = scorecard(subject(), checkin_log(subject(), quarter()), end)
    aspirational, committed = cards
    assert aspirational.score.score == 0.7  # the mean of 0.9 and 0.5
    assert "reaches it" in aspirational.score.explanation
    assert committed.score.score == 1.0
    assert aspirational.key_results[0].suggested == 0.9  # measured 0.875
    assert aspirational.key_results[1].band is not None
    assert aspirational.key_results[1].band.words == "progress, but short of the goal"


def test_a_key_result_without_a_score_leaves_its_objective_unscored():
    end = QuarterEndRecord(date=dt.date(2027, 3, 31)).with_score(0, 0, 0.9)
    cards = scorecard(subject(), checkin_log(subject(), quarter()), end)
    assert cards[0].score.score is None and cards[0].score.description == "not scored"


def test_the_csv_has_one_row_per_key_result_per_check_in_and_is_guarded():
    records = quarter()
    hostile = record(dt.date(2027, 3, 23), {(0, 1): ("85%", 7)})
    entry = hostile.entries[0]
    bad = entry.check_in.model_copy(update={"note": '=HYPERLINK("x")', "previous_value": "80%"})
    records.append(
        hostile.model_copy(update={"entries": [entry.model_copy(update={"check_in": bad})]})
    )
    data = checkins_csv(QuarterFiles(subject(), records))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 3 + 2 + 2 + 1
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    march = [r for r in rows if r["date"] == "2027-03-23"][0]
    assert (march["key_result_no"], march["value"], march["previous_value"]) == ("2", "85%", "80%")
    assert march["note"].startswith("'=")  # a spreadsheet will not run it
    feb = [r for r in rows if r["date"] == "2027-02-16" and r["key_result_no"] == "1"][0]
    assert (feb["progress"], feb["confidence"], feb["entered_by"]) == ("0.50", "6", "Ben")


def test_the_markdown_summary_and_scorecard_escape_and_say_the_band_in_words():
    records = quarter()
    current = records[-1].model_copy(update={"decisions": ["Ship *now* | later"]})
    md = checkin_markdown(QuarterFiles(subject(), records[:-1] + [current], current)).decode()
    assert "# Check-in of 16 March 2027" in md
    assert "Ship \\*now\\* \\| later" in md
    # A check-in says how far along (a05f0f5), not the quarter-end score's verdict.
    assert "GREEN · target reached" in md
    assert "the goal was delivered" not in md
    end = (
        QuarterEndRecord(
            date=dt.date(2027, 3, 31),
            retrospective=Retrospective(
                decisions=[
                    ObjectiveDecision(
                        objective_index=0, decision=Decision.CHANGE, reason="Too slow"
                    )
                ],
                wins=[Win(text="Help centre live", thanks=["Cara"])],
                went_well=["Weekly numbers"],
            ),
        )
        .with_score(0, 0, 0.9)
        .with_score(0, 1, 0.5)
        .with_score(1, 0, 1.0)
    )
    card = scorecard_markdown(QuarterFiles(subject(), records, quarter_end=end)).decode()
    assert "**Objective score:** 0.7, green: the goal was delivered." in card
    assert "ORANGE · progress, but short of the goal" in card
    assert "**Next period:** change: Too slow" in card
    assert "Help centre live (thanks to Cara)" in card


def test_the_svg_pictures_are_well_formed_and_carry_shapes_and_patterns():
    import xml.etree.ElementTree as ET

    lines = key_result_lines(subject(), checkin_log(subject(), quarter()))
    chart = ET.fromstring(str(progress_svg(lines[0], "2027-Q1")))
    shapes = {el.tag.split("}")[1] for el in chart}
    assert {"polyline", "rect", "polygon", "circle"} <= shapes  # red, orange, green points
    # Red is hatched (lines), orange dotted (circles), green solid: not colour alone.
    red, orange, green = (ET.fromstring(str(score_svg(s))) for s in (0.3, 0.5, 0.8))
    assert any(el.tag.endswith("line") for el in red)
    assert any(el.tag.endswith("circle") for el in orange)
    assert not any(el.tag.endswith(("line", "circle")) for el in green)


@pytest.mark.parametrize("which", ["checkin", "scorecard"])
def test_the_pdfs_are_written_with_their_text(tmp_path, which):
    from pypdf import PdfReader

    records = quarter()
    end = QuarterEndRecord(date=dt.date(2027, 3, 31)).with_score(0, 0, 0.9)
    files = QuarterFiles(subject(), records, records[-1], end)
    paths = (write_checkin if which == "checkin" else write_scorecard)(files, tmp_path)
    assert {p.suffix for p in paths} == {".pdf", ".md", ".csv"}
    text = "\n".join(page.extract_text() for page in PdfReader(paths[0]).pages)
    assert "Cut first reply time" in " ".join(text.split())
    assert ("16 March 2027" in text) if which == "checkin" else ("not scored" in text)


def test_the_scorecard_pdf_gives_the_retrospective_its_own_heading(tmp_path):
    """The three retrospective lists sit under 'Looking back', the page's running header,
    not under 'Wins and thanks' (a page of them was headed 'WINS AND THANKS')."""
    from pypdf import PdfReader

    records = quarter()
    end = QuarterEndRecord(date=dt.date(2027, 3, 31)).with_score(0, 0, 0.9)
    files = QuarterFiles(subject(), records, records[-1], end)
    paths = write_scorecard(files, tmp_path)
    pages = PdfReader(paths[0]).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages).lower()
    assert text.index("wins and thanks") < text.index("looking back") < text.index("what went well")
