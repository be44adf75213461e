"""The company OKRs in view while the team writes its own (issue 14).

The guide's tip on the goals stage says "put the company OKRs where everyone can see
them"; this panel does, at the top of the guide (beside the editor at 160x45, the first
lines of the strip under it at 80x24). It shows the company objectives typed in at
set-up and, when the workshop is linked to the company's own workshop (issue 18), that
workshop's objectives and key results, read in a thread. Hidden when there are none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Static

from workshop.core.textsafe import visible

if TYPE_CHECKING:
    from workshop.core.domain import Workshop
    from workshop.core.session.session import WorkshopSession

# (objective, its key results), as plain text.
CompanyLines = Sequence[tuple[str, Sequence[str]]]


def company_content(okrs: CompanyLines, name: str = "") -> Content:
    """The panel's text: a heading, then each objective and its key results, whole."""
    heading = f"{visible(name)}'s OKRs" if name else "Company OKRs"
    parts: list[Content] = [Content.styled(heading, "bold $secondary")]
    for number, (objective, key_results) in enumerate(okrs, 1):
        parts.append(Content.assemble(("\n", ""), (f"{number} ", "bold"), visible(objective)))
        for kr in key_results:
            parts.append(Content(f"\n  • {visible(kr)}"))
    return Content("").join(parts)


class CompanyOkrs(Static):
    """The company's objectives and key results, for the room to see (see the module)."""

    DEFAULT_CSS = """
    CompanyOkrs {
        width: 1fr;
        height: auto;
        padding: 0 1;
        margin-bottom: 1;
        border-left: thick $secondary;
        background: $panel;
        display: none;
    }
    """

    def show_for(self, session: WorkshopSession, workshop: Workshop) -> None:
        """Show the set-up's company OKRs now, and the linked company's once read."""
        typed = [
            (o.text, [kr.text for kr in o.key_results if kr.text.strip()])
            for o in workshop.parent_objectives
            if o.text.strip() or any(kr.text.strip() for kr in o.key_results)
        ]
        self._show(typed)
        company_id = session.org_links().company_id
        if company_id is not None:
            self._read_company(session, company_id, typed)

    def _show(self, okrs: CompanyLines, name: str = "") -> None:
        self.display = bool(okrs)
        if okrs:
            self.update(company_content(okrs, name))

    @work(thread=True, exclusive=True, group="company-okrs-panel")
    def _read_company(self, session: WorkshopSession, company_id: int, typed: CompanyLines) -> None:
        from workshop.core.org.rows import companies, load_company_okrs

        okrs = session.read_other(lambda store: load_company_okrs(store, company_id))
        names = {c.id: c.name for c in session.read_other(companies)}
        lines = [(o.text, [kr.text for kr in o.key_results]) for o in okrs]
        # The linked company's OKRs are the company's; any typed at set-up follow them.
        self.app.call_from_thread(self._show, [*lines, *typed], names.get(company_id, ""))
