"""The company keys (issue 18). Set-up: Ctrl+L which company's OKRs this team builds on,
F2 the alignment view of that company's teams. Objectives: Ctrl+L offers the company's
own objectives and key results to link to.

A mixin for `SetupScreen`: reads of other workshops run in a thread
(`WorkshopSession.read_other`), the link is written through the session like any
other field (`update_workshop(company_id=..., level=...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.content import Content
from textual.widgets import Label

from workshop.core.db.store import Item
from workshop.core.domain import CascadeModel
from workshop.core.org.alignment import CompanyObjective
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
from workshop.tui.dialogs.objective_link import CompanyLinks, LinkChoice, LinkPicker
from workshop.tui.screens.alignment import AlignmentScreen

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from workshop.core.domain import Workshop
    from workshop.core.session.session import WorkshopSession
    from workshop.tui.widgets.objective_block import ObjectiveBlock

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
        links = self.session.org_links()
        if links.is_company:
            self._show_link_line(
                "This is the company's workshop: its objectives and key results are the "
                "company OKRs teams link to · Ctrl+L changes · F2 alignment"
            )
        elif links.company_id is None:
            self._show_link_line(
                "Ctrl+L: build on company OKRs written once in the company's own workshop"
            )
        else:
            self._read_company_link(links)

    @work(thread=True, exclusive=True, group="company-link")
    def _read_company_link(self, links: OrgLinks) -> None:
        # A company is linked: its name and counts come from the real store.
        okrs = self.session.read_other(lambda s: load_company_okrs(s, links.company_id or 0))
        names = {c.id: c.name for c in self.session.read_other(companies)}
        name = visible(names.get(links.company_id or 0, "")) or "the company"
        krs = sum(len(o.key_results) for o in okrs)
        line = (
            f"Linked to {name}'s OKRs: {len(okrs)} objectives, {krs} key results · "
            "Ctrl+L changes · F2 alignment"
        )
        self.app.call_from_thread(self._show_link_line, line)

    def _show_link_line(self, line: str) -> None:
        screen = cast("Screen[object]", self)  # the set-up screen this is mixed into
        for label in screen.query(f"#{LINK_LABEL_ID}").results(Label):
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


class CompanyObjectiveLinks:
    """Ctrl+L on the objectives stage offers the linked company's own OKRs (issue 18).

    A mixin for `ObjectivesScreen`. The company's OKRs are read in a thread; the
    link is saved through the session as the objective's company_objective_id or
    company_key_result_id (ids of rows in the company's workshop, never copied text).
    """

    if TYPE_CHECKING:
        session: WorkshopSession
        app: App
        workshop: Workshop | None

        @property
        def blocks(self) -> list[ObjectiveBlock]: ...
        def _linked(self, objective_id: int, choice: LinkChoice | None) -> None: ...
        def _show_requirement(self) -> None: ...

    # How many key results the linked company has (None: not read, or no company).
    _company_key_results: int | None = None

    def company_krs_exist(self) -> bool:
        return bool(self._company_key_results)

    def show_company_links(self) -> None:
        """Show on each objective what it serves in the company's OKRs (read off the loop)."""
        links = self.session.org_links()
        if links.company_id is None:
            self._company_key_results = None
            for block in self.blocks:
                block.set_company_link(None)
            return
        self._read_company_okrs(links, None)

    def link_with_company(self, block: ObjectiveBlock) -> bool:
        """Open the link picker with the company's OKRs; False when no company is linked."""
        links = self.session.org_links()
        if links.company_id is None:
            return False
        self._read_company_okrs(links, block.objective_id)
        return True

    @work(thread=True, exclusive=True, group="company-okrs")
    def _read_company_okrs(self, links: OrgLinks, pick_for: int | None) -> None:
        company_id = links.company_id or 0
        okrs = self.session.read_other(lambda s: load_company_okrs(s, company_id))
        names = {c.id: c.name for c in self.session.read_other(companies)}
        self.app.call_from_thread(
            self._company_okrs_read, links, names.get(company_id, ""), okrs, pick_for
        )

    def _company_okrs_read(
        self,
        links: OrgLinks,
        name: str,
        okrs: tuple[CompanyObjective, ...],
        pick_for: int | None,
    ) -> None:
        objective_text = {o.id: o.text for o in okrs}
        kr_text = {kr.id: kr.text for o in okrs for kr in o.key_results}
        for block in self.blocks:
            objective_id, kr_id = links.of(block.objective_id)
            if kr_id in kr_text:
                block.set_company_link(("KR", kr_text[kr_id or 0]))
            elif objective_id in objective_text:
                block.set_company_link(("objective", objective_text[objective_id or 0]))
            else:
                block.set_company_link(None)
        self._company_key_results = len(kr_text)
        self._show_requirement()  # duality: a company key result counts as its link
        target = next((b for b in self.blocks if b.objective_id == pick_for), None)
        if target is None:
            return
        workshop = self.session.load()
        self.workshop = workshop
        objective_id, kr_id = links.of(target.objective_id)
        self.app.push_screen(
            LinkPicker(
                f"Link objective {target.number} to…",
                workshop,
                target.priority_id,
                target.parent_key_result_id,
                prefer_parent=workshop.cascade_model is CascadeModel.DUALITY,
                company=CompanyLinks(name, okrs, objective_id, kr_id),
            ),
            lambda choice: self._linked(target.objective_id, choice),
        )

    def company_linked(self, objective_id: int, choice: LinkChoice) -> bool:
        """Save a company link picked in the picker; True when that was all the choice did."""
        links = self.session.org_links()
        objective_id_now, kr_id_now = links.of(objective_id)
        if choice.kind == "company_key_result":
            kr = None if choice.row_id == kr_id_now else choice.row_id
            fields = {"company_objective_id": None, "company_key_result_id": kr}
        elif choice.kind == "company_objective":
            objective = None if choice.row_id == objective_id_now else choice.row_id
            fields = {"company_objective_id": objective, "company_key_result_id": None}
        elif choice.kind == "none" and (objective_id_now or kr_id_now):
            # "No link" clears the company link too; the screen clears the others.
            if self.session.update(
                Item.OBJECTIVE, objective_id, company_objective_id=None, company_key_result_id=None
            ):
                self.show_company_links()
            return False
        else:
            return False
        if self.session.update(Item.OBJECTIVE, objective_id, **fields):
            self.show_company_links()
        block = next((b for b in self.blocks if b.objective_id == objective_id), None)
        if block is not None:
            block.field.focus()
        return True
