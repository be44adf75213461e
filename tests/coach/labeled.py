"""A labelled set of OKR statements written for tuning the coach.

Each entry is judged good (an expert lets it stand) or poor (an expert sends it back),
by human judgement. Styles: companies (sales, engineering, support, marketing), open-source
projects, non-profits, public sector, and text pasted from real OKR documents (prefixes,
priority tags, @handles, "=>" notes, placeholders). Key results may carry a kind
("metric"/"milestone") and the workshop period.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labeled:
    kind: str  # "objective" | "key_result"
    text: str
    label: str  # "good" | "poor"
    kr_kind: str = ""  # "", "metric" or "milestone"; "" means a plain string was typed
    period: str = ""


def O(text: str, label: str) -> Labeled:  # noqa: N802 - short constructor for a table
    return Labeled("objective", text, label)


def K(text: str, label: str, kr_kind: str = "", period: str = "2027-Q1") -> Labeled:  # noqa: N802
    return Labeled("key_result", text, label, kr_kind, period)


LABELED: list[Labeled] = [
    # --- objectives: companies -----------------------------------------------------
    O("Make onboarding so smooth that new customers see value in their first week", "good"),
    O("Win the trust of mid-size retailers so that they renew without a discount", "good"),
    O("Turn support into a reason customers stay with us", "good"),
    O("Cut the noise in our alerts so on-call engineers can sleep at night", "good"),
    O("Grow our presence in the Nordics in order to reduce reliance on one market", "good"),
    O("Become the go-to tool for small accounting firms", "good"),
    O("Delight first-time buyers so they come back for a second order", "good"),
    O("Build a sales pipeline we can forecast with confidence", "good"),
    O("Make releases boring and safe for the whole engineering team", "good"),
    O("Earn a reputation for fast, friendly answers in support", "good"),
    O("Strengthen our brand with developers to lower acquisition costs", "good"),
    O("Launch the mobile app", "poor"),
    O("Migrate to Kubernetes", "poor"),
    O("Hold weekly sales meetings", "poor"),
    O("Revenue", "poor"),
    O("Customer satisfaction", "poor"),
    O("Increase revenue from $2M to $3M", "poor"),
    O("Grow MRR by 25% this quarter", "poor"),
    O("Reach 10,000 paying users", "poor"),
    O("Write the new onboarding documentation", "poor"),
    O("Redesign the pricing page", "poor"),
    O("Hire 4 engineers", "poor"),
    O("Implement Salesforce", "poor"),
    O("Research competitor pricing", "poor"),
    O("Q1 marketing stuff", "poor"),
    O("Improve NPS to 50", "poor"),
    # --- objectives: open source, non-profit, public sector --------------------------
    O("Grow a welcoming contributor community so the project outlives its founders", "good"),
    O("Make our documentation the first place users look for answers", "good"),
    O("Help first-time contributors land their first pull request", "good"),
    O("Reach more families in need across the county", "good"),
    O("Keep every volunteer engaged through their first year", "good"),
    O("Make it easy for residents to renew a permit online", "good"),
    O("Give caseworkers back time to spend with the people they serve", "good"),
    O("Raise awareness of river pollution so that the council funds a clean-up", "good"),
    O("Secure funding for our literacy programme for the next three years", "good"),
    O("Release version 2.0", "poor"),
    O("Organise the annual gala", "poor"),
    O("Fundraising", "poor"),
    O("Serve 5,000 meals a month", "poor"),
    O("Create a volunteer handbook", "poor"),
    O("Digital transformation", "poor"),
    O("Upgrade the case management system", "poor"),
    # --- objectives: pasted formatting ----------------------------------------------
    O("1. CEO: Grow our share of enterprise customers so revenue is less seasonal", "good"),
    O("O2 - Make onboarding effortless for every new hire", "good"),
    O("[p0] Delight our power users so that they recommend us", "good"),
    O("• Objective: Help small charities accept online donations", "good"),
    O("Support team: Make every customer feel heard (@maria) => on track", "good"),
    O("P1 - Launch the new website", "poor"),
    O("Objective 3: Increase conversion to X%", "poor"),
    O("- [P2] Hiring", "poor"),
    O("Eng (@sam): Rewrite the billing service", "poor"),
    O("2) Grow ARR from $N to $N", "poor"),
    # --- key results: companies ------------------------------------------------------
    K("Raise weekly active users from 350 to 500", "good"),
    K("Reduce median first-response time from 9 hours to 2 hours", "good"),
    K("Increase trial-to-paid conversion from 4% to 7%", "good"),
    K("Cut monthly churn from 3.1% to 2%", "good"),
    K("Grow qualified pipeline from $1.2M to $2M", "good"),
    K("Lift NPS from 31 to 45", "good"),
    K("Keep p95 API latency under 250 ms", "good"),
    K("Maintain 99.95% uptime for checkout", "good"),
    K("Close 12 new enterprise deals", "good"),
    K("Resolve 90% of support tickets within 24 hours", "good"),
    K("Bring deploy time down from 40 minutes to 10 minutes", "good"),
    K("Increase organic sign-ups from 800 to 1,200 per month", "good"),
    K("Reduce open P1 bugs from 14 to 3", "good"),
    K("Double the number of customers using the API", "good"),
    K("Launch self-serve billing in all EU markets", "good", "milestone"),
    K("Pass the SOC 2 Type II audit", "good", "milestone"),
    K("Sign a reseller agreement with a partner in Japan", "good", "milestone"),
    K("Ship the new onboarding flow to 100% of new accounts", "good"),
    K("Get 3 reference customers in healthcare", "good"),
    K("Increase NPS to 50", "good"),
    K("Improve customer satisfaction", "poor"),
    K("Increase revenue", "poor"),
    K("Make the product faster", "poor"),
    K("Write a blog post about the launch", "poor"),
    K("Hold a kick-off meeting with the sales team", "poor"),
    K("Create a doc describing our pricing strategy", "poor"),
    K("Research three CRM vendors", "poor"),
    K("Meet with the top ten customers", "poor"),
    K("Work on the performance of the search page", "poor"),
    K("Reduce churn from 5% to 3% and raise NPS from 30 to 40", "poor"),
    K("Increase revenue to $3M and hire 5 account executives", "poor"),
    K("Increase MRR from $X to $Y", "poor"),
    K("Grow conversion by XX%", "poor"),
    K("Reach TBD paying customers", "poor"),
    K("Cut response time from ? to 4 hours", "poor"),
    K("Launch the EU store by Q3 2027", "poor", "milestone"),
    K("Grow ARR from $4M to $6M by end of 2027", "poor"),
    K("Reduce churn from 4% to 2% next quarter", "poor"),
    K("Raise NPS from 30 to 45 by March 2027", "good"),
    K("Lower cost per lead from $80 to $55 in Q1", "good"),
    K("Launch the partner portal", "good", "milestone"),
    K("Get 40 customers to complete the new tutorial", "good"),
    K("Monitor churn every week", "poor"),
    K("Try to improve onboarding emails", "poor"),
    K("Brainstorm ideas for the referral programme", "poor"),
    # --- key results: open source, non-profit, public sector -------------------------
    K("Grow monthly active contributors from 40 to 65", "good"),
    K("Cut median time to first review from 6 days to 2 days", "good"),
    K("Close 150 stale issues older than a year", "good"),
    K("Get 10 new contributors to land a merged pull request", "good"),
    K("Publish the 3.0 release with migration guide", "good", "milestone"),
    K("Raise annual donations from €120k to €160k", "good"),
    K("Increase recurring donors from 300 to 450", "good"),
    K("Recruit 25 new volunteer tutors", "good"),
    K("Serve 5,000 meals a month, up from 3,800", "good"),
    K("Cut average permit processing time from 21 days to 7 days", "good"),
    K("Move 60% of permit renewals online, up from 25%", "good"),
    K("Reduce calls to the helpline about billing from 900 to 400 a month", "good"),
    K("Open the new youth centre", "good", "milestone"),
    K("Get council approval for the cycling plan", "good", "milestone"),
    K("Improve the documentation", "poor"),
    K("Host a contributor summit", "poor"),
    K("Attend three conferences", "poor"),
    K("Write a grant proposal", "poor"),
    K("Discuss a partnership with the library", "poor"),
    K("Raise awareness of our cause", "poor"),
    K("Engage more volunteers", "poor"),
    K("Increase donations from $N to $N", "poor"),
    K("Serve X meals per week", "poor"),
    K("Explore a new CI provider", "poor"),
    # --- key results: kind typed wrongly ----------------------------------------------
    K("Launch the referral programme", "good", "metric"),
    K("Raise retention from 80% to 88%", "good", "milestone"),
    K("Publish the annual impact report", "good", "metric"),
    # --- key results: pasted formatting ---------------------------------------------
    K("KR1: Raise weekly active users from 350 to 500", "good"),
    K("Sales KR: Increase average deal size from €8k to €11k", "good"),
    K("• @jane Reduce ticket backlog from 400 to 150 => 60% done", "good"),
    K("[p1] Cut build time from 25 min to 8 min (@devops)", "good"),
    K("2. (P2) Lift email open rate from 18% to 25%", "good"),
    K("KR 2.3 – Grow newsletter subscribers from 2,000 to 3,500", "good"),
    K("CEO: Close 3 strategic partnerships => 1 signed", "good"),
    K("- Marketing: Increase demo requests from 60 to 90 per month", "good"),
    K("KR3: Improve morale", "poor"),
    K("Support KR: @lee Answer tickets faster => in progress", "poor"),
    K("[P0] Increase ARR to $N", "poor"),
    K("KR2: Grow active users by XX% (@tom)", "poor"),
    K("1. Write onboarding doc => done", "poor"),
    K("- [ ] Hold a retro with the team", "poor"),
    K("Ops: Reduce costs from TBD to TBD", "poor"),
    K("• KR4 - Hire ? engineers", "poor"),
]
