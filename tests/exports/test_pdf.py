"""The PDF handout and worksheet: content, page sizes, escaping, and the locked-down fetcher."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.exports.hostile import HOSTILE, LONG, hostile_workshop
from tests.exports.sample import full_workshop
from workshop.core.domain import Workshop
from workshop.core.exports import ExportError, export_workshop, render, write_worksheet
from workshop.core.exports import pdf as pdf_module
from workshop.core.exports.fetcher import FetchRefused, TemplateOnlyFetcher
from workshop.core.exports.text import ZERO_WIDTH_SPACE
from workshop.core.paths import TEMPLATES_DIR

A4 = (595, 842)
LETTER = (612, 792)


def _pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    # Long unbroken runs carry invisible break points; a reader never sees them.
    return [page.extract_text().replace(ZERO_WIDTH_SPACE, "") for page in reader.pages]


def _size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return render(full_workshop(), "pdf")


@pytest.fixture
def fetched(monkeypatch) -> list[tuple[str, str]]:
    """Every URL WeasyPrint asks for, with what the fetcher did about it."""
    calls: list[tuple[str, str]] = []
    original = TemplateOnlyFetcher.fetch

    def recording(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except FetchRefused:
            calls.append((url, "refused"))
            raise
        calls.append((url, "served"))
        return response

    monkeypatch.setattr(TemplateOnlyFetcher, "fetch", recording)
    return calls


def test_handout_content(full_pdf: bytes) -> None:
    pages = _pages(full_pdf)
    text = "\n".join(pages)
    assert pages[0].count("Customer Platform") >= 1 and "2027-Q1" in pages[0]
    assert "Rosa Martínez" in pages[0] and "Sam Okafor" in pages[0]
    for expected in (
        "Make every new customer feel at home in their first week",
        "Cut the time to first reply on a ticket",
        "Keep the customers we win",
        "Winning a customer costs five times more than keeping one",
        "Halve customer-facing incidents",
        "Cascade model: Flexible",
        "Committed",
        "Aspirational",
        "Failed at KR 2.4 (run 2)",
        "The script is a task, not a result",
        "Not run yet",
        "Monday 11 January 2027",
        "Quarter-end",
        "Who owns the status page?",
        "Agree baselines for the two new metrics",
        "Friday 8 January 2027, 11:00",
        "0% to under 50%",
        "No real progress",
        "70% to 100%",
        "Write key results",
        "121:06",
    ):
        assert expected in text, expected
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_handout_is_a4_by_default_and_letter_on_request(full_pdf: bytes) -> None:
    assert _size(full_pdf) == A4
    assert _size(render(full_workshop(), "pdf", page_size="letter")) == LETTER


def test_appendix_is_left_out_without_timings() -> None:
    workshop = full_workshop().model_copy(update={"timings": [], "break_seconds": 0.0})
    text = "\n".join(_pages(render(workshop, "pdf")))
    assert "Appendix" not in text
    assert "Make every new customer" in text


def test_empty_workshop_renders() -> None:
    text = "\n".join(_pages(render(Workshop(), "pdf")))
    assert "Our team" in text
    assert "No objectives were written down." in text


def test_hostile_text_comes_out_literally(fetched: list[tuple[str, str]]) -> None:
    # Emoji are left out here: DejaVu has no glyphs for them, and pypdf cannot read
    # back text from a font that used its "missing glyph" (pdftotext can; see below).
    pages = _pages(render(hostile_workshop(skip=(*LONG, "emoji")), "pdf"))
    text = "\n".join(pages)
    for marker in (
        "{{ 7*7 }}",
        "<script>alert('pwned')</script>",
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="http://example.invalid/x.css">',
        "{% for x in y %}loop{% endfor %}",
        "&amp; &lt;b&gt;",
        "<b>Team</b>",
        "before‹NUL›after",
        "‹ESC›[2J",
        "‹ESC›]0;owned title‹BEL›",
        "‹U+0085›",
    ):
        assert marker in text, marker
    assert "\x00" not in text and "\x1b" not in text
    # Only the stylesheet, from the templates folder, was read.
    assert fetched == [((TEMPLATES_DIR / "handout.css").as_uri(), "served")]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_full_hostile_corpus_including_long_fields_and_emoji(tmp_path: Path) -> None:
    path = export_workshop(hostile_workshop(), "pdf", tmp_path / "hostile.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(ZERO_WIDTH_SPACE, "")
    # The 10,000-letter word wraps over pages (with page furniture in between), so count.
    assert text.count("x") >= len(HOSTILE["long_word"])
    assert "{{ 7*7 }}" in text
    assert "🚀" in text
    assert "زيادة رضا العملاء" in text or "زيادة" in text


def test_hostile_html_is_escaped() -> None:
    html = pdf_module.handout_html(hostile_workshop(skip=LONG))
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert '<img src="file' not in html
    assert "{{ 7*7 }}" in html


def test_fetcher_blocks_urls_in_raw_html(fetched: list[tuple[str, str]]) -> None:
    # Markup that did get into a document (it cannot from user text) still fetches nothing.
    html = (
        '<html><head><link rel="stylesheet" href="http://example.invalid/x.css">'
        '<link rel="stylesheet" href="file:///etc/passwd"></head><body>'
        '<img src="file:///etc/passwd"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<img src="ftp://example.invalid/a.png"><img src="../pyproject.toml">'
        "<p>text</p></body></html>"
    )
    data = pdf_module.html_to_pdf(html)
    assert data.startswith(b"%PDF")
    assert {status for _, status in fetched} == {"refused"}
    assert len(fetched) == 6
    assert "root:" not in "\n".join(_pages(data))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.invalid/x.css",
        "https://example.invalid/x.css",
        "ftp://example.invalid/x",
        "data:text/css,body{}",
        "file://evil.example/handout.css",
        (TEMPLATES_DIR / ".." / "pyproject.toml").as_uri(),
        TEMPLATES_DIR.as_uri() + "/%2e%2e/pyproject.toml",
        TEMPLATES_DIR.as_uri() + "/missing.css",
        TEMPLATES_DIR.as_uri() + "/",
    ],
)
def test_fetcher_refuses(url: str) -> None:
    with pytest.raises(FetchRefused):
        TemplateOnlyFetcher(TEMPLATES_DIR).fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.css").symlink_to(tmp_path / "secret.txt")
    (root / "ok.css").write_text("p {}")
    fetcher = TemplateOnlyFetcher(root)
    with pytest.raises(FetchRefused):
        fetcher.fetch((root / "link.css").as_uri())
    response = fetcher.fetch((root / "ok.css").as_uri())
    assert response.read() == b"p {}"
    assert response.content_type == "text/css"


def test_worksheet(tmp_path: Path, fetched: list[tuple[str, str]]) -> None:
    path = write_worksheet(tmp_path / "out" / "sheet.pdf")
    data = path.read_bytes()
    text = "\n".join(_pages(data)).lower()  # labels are upper-cased by the stylesheet
    assert _size(data) == A4
    for expected in (
        "Pre-work worksheet",
        "Priority 5",
        "Objective 5",
        "Committed",
        "Aspirational",
        "Check-in schedule",
        "0% to under 50%",
    ):
        assert expected.lower() in text, expected
    assert (
        _size(write_worksheet(tmp_path / "letter.pdf", page_size="letter").read_bytes()) == LETTER
    )
    assert {status for _, status in fetched} == {"served"}


def test_weasyprint_failure_is_one_line_and_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    import weasyprint

    def broken(self, *args, **kwargs):
        raise RuntimeError("cairo exploded\nwith details")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    target = tmp_path / "handout.pdf"
    with pytest.raises(ExportError, match=r"^could not make the PDF: cairo exploded$"):
        export_workshop(full_workshop(), "pdf", target)
    assert list(tmp_path.iterdir()) == []


def test_broken_agenda_is_an_export_error(monkeypatch, tmp_path: Path) -> None:
    import workshop.core.agenda.model

    monkeypatch.setattr(workshop.core.agenda.model, "DEFAULT_AGENDA_DIR", tmp_path / "nowhere")
    with pytest.raises(ExportError, match="agenda directory not found"):
        render(full_workshop(), "pdf")
