"""The organisation read from a store: the company workshop's OKRs and the teams linked to it.

Reads only (the links are written through the session like any other field:
`update_workshop(company_id=...)`, `update(Item.OBJECTIVE, id, company_key_result_id=...)`).
A few queries whatever the number of teams, run after this process's writers
have saved what they hold (`Store.read_with`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from workshop.core.db.store import NotFound, Store
from workshop.core.db.tables import KeyResultRow, ObjectiveRow, WorkshopRow
from workshop.core.org.alignment import (
    CompanyKeyResult,
    CompanyObjective,
    Organisation,
    Team,
    TeamObjective,
)

COMPANY = "company"


@dataclass(frozen=True)
class CompanyChoice:
    """A company-level workshop, as offered when a team links to its company."""

    id: int
    name: str
    period: str
    teams: int


def companies(store: Store) -> list[CompanyChoice]:
    """Every company-level workshop, most recently changed first, with its team count."""

    def read(session: Session) -> list[CompanyChoice]:
        rows = session.execute(
            select(col(WorkshopRow.id), col(WorkshopRow.team), col(WorkshopRow.period))
            .where(col(WorkshopRow.level) == COMPANY)
            .order_by(col(WorkshopRow.updated_at).desc(), col(WorkshopRow.id).desc())
        ).all()
        ids = [row[0] for row in rows]
        linked: dict[int, int] = {}
        for (company_id,) in session.execute(
            select(col(WorkshopRow.company_id)).where(col(WorkshopRow.company_id).in_(ids))
        ).all():
            linked[company_id] = linked.get(company_id, 0) + 1
        return [CompanyChoice(wid, team, period, linked.get(wid, 0)) for wid, team, period in rows]

    return store.read_with(read)


def company_okrs(session: Session, company_id: int) -> tuple[CompanyObjective, ...]:
    objectives = session.execute(
        select(col(ObjectiveRow.id), col(ObjectiveRow.text))
        .where(col(ObjectiveRow.workshop_id) == company_id)
        .order_by(col(ObjectiveRow.position), col(ObjectiveRow.id))
    ).all()
    key_results: dict[int, list[CompanyKeyResult]] = {}
    for kr_id, objective_id, text in session.execute(
        select(col(KeyResultRow.id), col(KeyResultRow.objective_id), col(KeyResultRow.text))
        .where(col(KeyResultRow.objective_id).in_([o[0] for o in objectives]))
        .order_by(col(KeyResultRow.position), col(KeyResultRow.id))
    ).all():
        key_results.setdefault(objective_id, []).append(CompanyKeyResult(kr_id, text))
    return tuple(
        CompanyObjective(oid, text, tuple(key_results.get(oid, ()))) for oid, text in objectives
    )


def load_company_okrs(store: Store, company_id: int) -> tuple[CompanyObjective, ...]:
    """The company workshop's objectives and key results, in order (for the link picker)."""
    return store.read_with(lambda session: company_okrs(session, company_id))


def load_organisation(store: Store, company_id: int) -> Organisation:
    """The company workshop `company_id` and every team workshop linked to it."""

    def read(session: Session) -> Organisation:
        company = session.get(WorkshopRow, company_id)
        if company is None:
            raise NotFound(f"workshop {company_id} does not exist")
        teams = (
            session.execute(
                select(WorkshopRow)
                .where(col(WorkshopRow.company_id) == company_id)
                .order_by(col(WorkshopRow.team), col(WorkshopRow.id))
            )
            .scalars()
            .all()
        )
        objectives: dict[int, list[TeamObjective]] = {}
        for row in session.execute(
            select(ObjectiveRow)
            .where(col(ObjectiveRow.workshop_id).in_([t.id for t in teams]))
            .order_by(col(ObjectiveRow.position), col(ObjectiveRow.id))
        ).scalars():
            objectives.setdefault(row.workshop_id, []).append(
                TeamObjective(
                    id=_id(row.id),
                    text=row.text,
                    goal_type=row.goal_type,
                    company_objective_id=row.company_objective_id,
                    company_key_result_id=row.company_key_result_id,
                )
            )
        return Organisation(
            company_id=company_id,
            name=company.team,
            period=company.period,
            objectives=company_okrs(session, company_id),
            teams=tuple(
                Team(
                    workshop_id=_id(t.id),
                    name=t.team,
                    period=t.period,
                    approach=t.approach,
                    cascade_model=t.cascade_model,
                    objectives=tuple(objectives.get(_id(t.id), ())),
                )
                for t in teams
            ),
        )

    return store.read_with(read)


def company_of(store: Store, workshop_id: int) -> int | None:
    """The company workshop a team's workshop links to, if any."""

    def read(session: Session) -> Any:
        row = session.get(WorkshopRow, workshop_id)
        return None if row is None else row.company_id

    return store.read_with(read)


def _id(value: int | None) -> int:
    assert value is not None  # rows read from the database have their ids
    return value


@dataclass(frozen=True)
class OrgLinks:
    """One workshop's place in the organisation: its level, its company, its objectives' links."""

    level: str = "team"
    company_id: int | None = None
    # objective id -> (company objective id, company key result id)
    objectives: dict[int, tuple[int | None, int | None]] | None = None

    @property
    def is_company(self) -> bool:
        return self.level == COMPANY

    def of(self, objective_id: int) -> tuple[int | None, int | None]:
        return (self.objectives or {}).get(objective_id, (None, None))


def org_links(store: Store, workshop_id: int) -> OrgLinks:
    """`workshop_id`'s level, company and objective links (the session reads its draft)."""

    def read(session: Session) -> OrgLinks:
        row = session.get(WorkshopRow, workshop_id)
        if row is None:
            raise NotFound(f"workshop {workshop_id} does not exist")
        links = {
            oid: (company_objective, company_kr)
            for oid, company_objective, company_kr in session.execute(
                select(
                    col(ObjectiveRow.id),
                    col(ObjectiveRow.company_objective_id),
                    col(ObjectiveRow.company_key_result_id),
                ).where(col(ObjectiveRow.workshop_id) == workshop_id)
            ).all()
        }
        return OrgLinks(row.level, row.company_id, links)

    return store.read_with(read)
