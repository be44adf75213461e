"""Three teams under one company, stored through the Store as the app would store them."""

from __future__ import annotations

import time

from workshop.core.db.store import Item, Store

COMPANY_OKRS = {
    "Customers recommend us to their friends": [
        "Raise the net promoter score from 31 to 45",
        "Cut support tickets per order from 0.8 to 0.4",
    ],
    "Grow revenue in new markets so that we depend less on one country": [
        "Open sales in Spain and Poland by the end of March",
        "Reach 2 million euros of revenue outside Germany",
        "Sign 3 reseller partners in the Nordics",
    ],
}


def build_organisation(store: Store) -> dict:
    """A company workshop and three team workshops linked to it; returns their ids."""
    company = store.create_workshop(team="Acme Group", period="2027-Q1", level="company")
    objectives: list[int] = []
    key_results: list[list[int]] = []
    for text, krs in COMPANY_OKRS.items():
        objective = store.add(Item.OBJECTIVE, company, text=text)
        objectives.append(objective)
        key_results.append([store.add(Item.KEY_RESULT, objective, text=kr) for kr in krs])

    def team(name: str, model: str, approach: str, links: list[tuple[str, str, dict]]) -> int:
        wid = store.create_workshop(
            team=name, period="2027-Q1", cascade_model=model, approach=approach, company_id=company
        )
        for text, goal_type, link in links:
            store.add(Item.OBJECTIVE, wid, text=text, goal_type=goal_type, **link)
        return wid

    payments = team(
        "Payments",
        "duality",
        "top-down",
        [
            (
                "Make checkout never fail so that customers come back",
                "committed",
                {"company_key_result_id": key_results[0][1]},
            ),
            (
                "Accept local payment methods in Spain and Poland",
                "committed",
                {"company_key_result_id": key_results[1][0]},
            ),
        ],
    )
    growth = team(
        "Growth",
        "flexible",
        "top-down",
        [
            (
                "Win our first customers in Spain so that the market proves itself",
                "aspirational",
                {"company_key_result_id": key_results[1][0]},
            ),
            (
                "Turn happy customers into referrals",
                "committed",
                {"company_objective_id": objectives[0]},
            ),
        ],
    )
    platform = team(
        "Platform",
        "bottom-up",
        "bottom-up",
        [
            ("Halve our cloud bill so that we can afford to grow", "committed", {}),
            (
                "Make the site fast everywhere in Europe",
                "aspirational",
                {"company_key_result_id": key_results[0][0]},
            ),
        ],
    )
    return {
        "company": company,
        "objectives": objectives,
        "key_results": key_results,
        "teams": {"Payments": payments, "Growth": growth, "Platform": platform},
    }


async def until(pilot, condition, seconds: float = 30.0) -> None:
    """Let the app run until `condition()` holds (reads happen in threads)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the condition never held"
        await pilot.pause(0.02)
