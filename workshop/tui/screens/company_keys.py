"""The set-up's company keys (issue 18): Ctrl+L which company's OKRs this team builds on,
F2 the alignment view of that company's teams.

A mixin for `SetupScreen`: reads of other workshops run in a thread
(`WorkshopSession.read_other`), the link is written through the session like any
other field (`update_workshop(company_id=..., level=...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Label

from workshop.core.org.rows import (
    COMPANY,
    OrgLinks,
    companies,
    load_company_okrs,
    load_organisation,
)
from workshop.core.paths import exports_dir
from workshop.core.textsafe import visible
from workshop.tui.dialogs.company_link import CompanyPick, CompanyPicker
from workshop.tui.screens.alignment import AlignmentScreen

if TYPE_CHECKING:
    from textual.app import App

    from workshop.core.session.session import WorkshopSession

LINK_LABEL_ID = "company-link"


class CompanyKeys:
    """Ctrl+L and F2 on the set-up stage."""

    if TYPE_CHECKING:
        session: WorkshopSession
        app: App

    def company_label(self) -> Label:
        return Label("", id=LINK_LABEL_ID, classes="key-hint", markup=False)

    def show_company_link(self) -> None:
        """Say, under the company OKRs, what this workshop links to (the company's own
        workshop is read in a thread; this one's links come from the draft)."""
        self._read_company_link(self.session.org_links())

    @work(thread=True, exclusive=True, group="company-link")
    def _read_company_link(self, links: OrgLinks) -> None:
        if links.is_company:
            line = (
                "This is the company's workshop: its objectives and key results are the "
                "company OKRs teams link to · Ctrl+L changes · F2 alignment"
            )
        elif links.company_id is None:
            line = "Ctrl+L: build on company OKRs written once in the company's own workshop"
        else:
            okrs = self.session.read_other(lambda s: load_company_okrs(s, links.company_id or 0))
            names = {c.id: c.name for c in self.session.read_other(companies)}
            name = visible(names.get(links.company_id, "")) or "the company"
            krs = sum(len(o.key_results) for o in okrs)
            line = (
                f"Linked to {name}'s OKRs: {len(okrs)} objectives, {krs} key results · "
                "Ctrl+L changes · F2 alignment"
            )
        self.app.call_from_thread(self._show_link_line, line)

    def _show_link_line(self, line: str) -> None:
        for label in self.app.screen.query(f"#{LINK_LABEL_ID}").results(Label):
            label.update(Content(line))

    def action_company(self) -> None:
        self._pick_company(self.session.org_links())

    @work(thread=True, exclusive=True, group="company-pick")
    def _pick_company(self, links: OrgLinks) -> None:
        choices = self.session.read_other(companies)
        picker = CompanyPicker(
            choices,
            this_id=self.session.workshop_id,
            linked_id=links.company_id,
            is_company=links.is_company,
        )
        self.app.call_from_thread(self.app.push_screen, picker, self._company_picked)

    def _company_picked(self, pick: CompanyPick | None) -> None:
        if pick is None:
            return
        if pick.kind == "self":
            fields: dict[str, object] = {"level": COMPANY, "company_id": None}
            said = "This workshop now holds the company OKRs: teams can link to it."
        elif pick.kind == "company":
            fields = {"level": "team", "company_id": pick.company_id}
            said = "Linked: Ctrl+L on the objectives stage links each objective to what it serves."
        else:
            fields = {"level": "team", "company_id": None}
            said = "No company OKRs linked."
        if not self.session.update_workshop(**fields):
            return  # refused in a read-only window (the session has said so)
        self.app.notify(said)
        self.show_company_link()

    def action_alignment(self) -> None:
        links = self.session.org_links()
        company_id = self.session.workshop_id if links.is_company else links.company_id
        if company_id is None:
            self.app.notify(
                "Link this workshop to its company first (Ctrl+L), or mark it as the company's.",
                severity="warning",
            )
            return
        from workshop.core.org.alignment import align

        session = self.session
        self.app.push_screen(
            AlignmentScreen(
                lambda: align(session.read_other(lambda s: load_organisation(s, company_id))),
                export_dir=exports_dir(),
            )
        )
