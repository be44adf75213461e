"""A workshop's company links in a JSON file, and back into a database (issue 18).

The database links a team's workshop to its company's by ids (`workshop.company_id`,
`objective.company_objective_id` / `company_key_result_id`). Ids name rows of one
database only, so an export names the company by its name and period and each
linked company objective or key result by its number and text
(`json_format.CompanyLinks`); importing finds them again in whichever database the
file goes into. A recovery file goes back into the database that did not take it,
and is written on quit when that database may be out of reach, so it keeps the ids.

What a facilitator gets on import: every link that can be found again is kept,
and what cannot be (no such company workshop in this database, or its OKRs no
longer read the same) is dropped with one line saying so and what to do. A link
is never kept on trust: an id from another database would silently point at
whatever workshop has that number here.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from workshop.core.db.store import Item, Store
from workshop.core.db.tables import WorkshopRow
from workshop.core.domain import Workshop
from workshop.core.exports.json_format import COMPANY, TEAM, CompanyLinks
from workshop.core.org.alignment import CompanyObjective
from workshop.core.org.rows import OrgLinks, companies, company_okrs, org_links


def export_links(store: Store, workshop: Workshop, links: OrgLinks | None = None) -> CompanyLinks:
    """`workshop`'s links to its company, by name and number.

    `links`: the workshop's level and links as a session's draft has them (its
    objectives' ids are the draft's, like `workshop`'s); by default read from `store`.
    The company's name and OKRs are read from `store` (call it off the event loop).
    """
    assert workshop.id is not None
    links = links or org_links(store, workshop.id)
    if links.company_id is None:
        return CompanyLinks(level=links.level)
    company_id = links.company_id

    def read(session: Session) -> tuple[Any, tuple[CompanyObjective, ...]]:
        row = session.get(WorkshopRow, company_id)
        return row, (() if row is None else company_okrs(session, company_id))

    row, okrs = store.read_with(read)
    if row is None:
        return CompanyLinks(level=links.level)  # the company workshop was deleted
    numbers: dict[tuple[str, int], dict[str, Any]] = {}
    for i, objective in enumerate(okrs, 1):
        numbers["o", objective.id] = {"objective_no": i, "text": objective.text}
        for j, kr in enumerate(objective.key_results, 1):
            numbers["k", kr.id] = {"objective_no": i, "key_result_no": j, "text": kr.text}

    def portable(objective_id: int | None) -> dict[str, Any] | None:
        company_objective, company_kr = links.of(objective_id or 0)
        if company_kr is not None:
            return numbers.get(("k", company_kr))  # None: the key result was removed
        if company_objective is not None:
            return numbers.get(("o", company_objective))
        return None

    return CompanyLinks(
        level=links.level,
        company={"name": row.team, "period": row.period},
        objectives=tuple(portable(o.id) for o in workshop.objectives),
    )


def recovery_links(workshop: Workshop, links: OrgLinks) -> CompanyLinks:
    """The links of a session's draft, by id, for a recovery file (no database read)."""
    if links.company_id is None:
        return CompanyLinks(level=links.level)

    def by_id(objective_id: int | None) -> dict[str, Any] | None:
        company_objective, company_kr = links.of(objective_id or 0)
        if company_kr is not None:
            return {"key_result_id": company_kr}
        if company_objective is not None:
            return {"objective_id": company_objective}
        return None

    return CompanyLinks(
        level=links.level,
        company={"workshop_id": links.company_id},
        objectives=tuple(by_id(o.id) for o in workshop.objectives),
    )


def import_links(
    store: Store, workshop_id: int, objective_ids: list[int], links: CompanyLinks
) -> list[str]:
    """Store `links` on the just-imported workshop `workshop_id` (its objectives' ids in
    order); one line per thing worth saying (what it linked to, what was not kept)."""
    if links.level == COMPANY:
        store.update_workshop(workshop_id, level=COMPANY)
    if links.company is None:
        return []
    found, said = _find_company(store, workshop_id, links.company)
    if found is None:
        return [said]
    company_id, name, period = found
    okrs = store.read_with(lambda session: company_okrs(session, company_id))
    kept, lost = 0, []
    pairs = zip(objective_ids, links.objectives, strict=False)
    for number, (objective_id, link) in enumerate(pairs, 1):
        if link is None:
            continue
        fields = _resolve(link, okrs)
        if fields is None:
            lost.append(f"objective {number} (to {_what(link)})")
            continue
        store.update(Item.OBJECTIVE, objective_id, **fields)
        kept += 1
    store.update_workshop(workshop_id, company_id=company_id)
    total = kept + len(lost)
    lines = [
        f"Linked to the company workshop {company_id}, {_quoted(name)} {period}{said}: "
        f"{kept} of {total} objective link{'s' if total != 1 else ''} kept."
    ]
    if lost:
        lines.append(
            "Not kept, the company's OKRs here no longer have what they linked to: "
            + "; ".join(lost[:3])
            + (f"; and {len(lost) - 3} more" if len(lost) > 3 else "")
            + ". Link them again on the objectives stage."
        )
    return lines


def _find_company(
    store: Store, workshop_id: int, company: dict[str, Any]
) -> tuple[tuple[int, str, str] | None, str]:
    """(id, name, period) of the company workshop `company` names here, and a note; or
    None and the line that says why the link was dropped."""
    advice = (
        "import the company's export with --company first, then this file again, "
        "or link it on the objectives stage"
    )
    if "workshop_id" in company:
        wanted = company["workshop_id"]

        def read(session: Session) -> Any:
            return session.get(WorkshopRow, wanted)

        row = store.read_with(read)
        if row is None or row.level != COMPANY or row.id == workshop_id:
            return None, (
                f"The company link was not kept: this database has no company workshop "
                f"{wanted}; {advice}."
            )
        return (row.id, row.team, row.period), ""
    name, period = company["name"], company["period"]
    matches = [
        c for c in companies(store) if c.name == name and c.period == period and c.id != workshop_id
    ]
    if not matches:
        return None, (
            f"The company link was not kept: this database has no company workshop "
            f"{_quoted(name)} {period}; {advice}."
        )
    note = f" (the newest of {len(matches)} with that name)" if len(matches) > 1 else ""
    return (matches[0].id, name, period), note


def _resolve(link: dict[str, Any], okrs: tuple[CompanyObjective, ...]) -> dict[str, Any] | None:
    """The objective's link fields for `link` among the company's OKRs, or None."""
    if "key_result_id" in link:
        ids = {kr.id for o in okrs for kr in o.key_results}
        kr_id = link["key_result_id"]
        return _fields(None, kr_id) if kr_id in ids else None
    if "objective_id" in link:
        objective_id = link["objective_id"]
        return _fields(objective_id, None) if objective_id in {o.id for o in okrs} else None
    text, i = link["text"], link["objective_no"] - 1
    if "key_result_no" in link:
        j = link["key_result_no"] - 1
        # Where it was, if it still reads the same; else the one key result that does.
        if i < len(okrs) and j < len(okrs[i].key_results) and okrs[i].key_results[j].text == text:
            return _fields(None, okrs[i].key_results[j].id)
        same = [kr.id for o in okrs for kr in o.key_results if kr.text == text]
        return _fields(None, same[0]) if len(same) == 1 else None
    if i < len(okrs) and okrs[i].text == text:
        return _fields(okrs[i].id, None)
    same = [o.id for o in okrs if o.text == text]
    return _fields(same[0], None) if len(same) == 1 else None


def _fields(objective_id: int | None, kr_id: int | None) -> dict[str, Any]:
    return {"company_objective_id": objective_id, "company_key_result_id": kr_id}


def _what(link: dict[str, Any]) -> str:
    """What a link named, for a message: its text, or the id in a recovery file."""
    if "key_result_id" in link:
        return f"the company key result with id {link['key_result_id']}"
    if "objective_id" in link:
        return f"the company objective with id {link['objective_id']}"
    return _quoted(link["text"])


def _quoted(text: str) -> str:
    """Outside text in a message: quoted, cut to keep the line short."""
    return repr(text if len(text) <= 40 else text[:39] + "…")


__all__ = ["TEAM", "export_links", "import_links", "recovery_links"]
