"""The floor of the PDF figure: import WeasyPrint and lay out the handout's HTML.

    python bench/pdf_floor.py HTML_FILE OUT_PDF BASE_URL

The HTML is exactly what the exporter renders for the full workshop (written by
`make_db.py full`); this script only adds what any WeasyPrint user pays: the
import, one `HTML(string=..., base_url=...).write_pdf()`, and writing the file.
"""

import time

T0 = time.monotonic()

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from common import emit  # noqa: E402
from weasyprint import HTML  # noqa: E402


def main(html_file: Path, out: Path, base_url: str) -> None:
    t_imported = time.monotonic()
    pdf = HTML(string=html_file.read_text(encoding="utf-8"), base_url=base_url).write_pdf()
    assert pdf is not None
    out.write_bytes(pdf)
    done = time.monotonic()
    emit(t0=T0, import_seconds=t_imported - T0, render=done - t_imported, bytes=len(pdf))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
