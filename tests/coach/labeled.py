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


def obj(text: str, label: str) -> Labeled:
    return Labeled("objective", text, label)


def kr(text: str, label: str, kr_kind: str = "", period: str = "2027-Q1") -> Labeled:
    return Labeled("key_result", text, label, kr_kind, period)


LABELED: list[Labeled] = [
    # --- objectives: companies -----------------------------------------------------
    obj("Make onboarding so smooth that new customers see value in their first week", "good"),
    obj("Win the trust of mid-size retailers so that they renew without a discount", "good"),
    obj("Turn support into a reason customers stay with us", "good"),
    obj("Cut the noise in our alerts so on-call engineers can sleep at night", "good"),
    obj("Grow our presence in the Nordics in order to reduce reliance on one market", "good"),
    obj("Become the go-to tool for small accounting firms", "good"),
    obj("Delight first-time buyers so they come back for a second order", "good"),
    obj("Build a sales pipeline we can forecast with confidence", "good"),
    obj("Make releases boring and safe for the whole engineering team", "good"),
    obj("Earn a reputation for fast, friendly answers in support", "good"),
    obj("Strengthen our brand with developers to lower acquisition costs", "good"),
    obj("Launch the mobile app", "poor"),
    obj("Migrate to Kubernetes", "poor"),
    obj("Hold weekly sales meetings", "poor"),
    obj("Revenue", "poor"),
    obj("Customer satisfaction", "poor"),
    obj("Increase revenue from $2M to $3M", "poor"),
    obj("Grow MRR by 25% this quarter", "poor"),
    obj("Reach 10,000 paying users", "poor"),
    obj("Write the new onboarding documentation", "poor"),
    obj("Redesign the pricing page", "poor"),
    obj("Hire 4 engineers", "poor"),
    obj("Implement Salesforce", "poor"),
    obj("Research competitor pricing", "poor"),
    obj("Q1 marketing stuff", "poor"),
    obj("Improve NPS to 50", "poor"),
    # --- objectives: open source, non-profit, public sector --------------------------
    obj("Grow a welcoming contributor community so the project outlives its founders", "good"),
    obj("Make our documentation the first place users look for answers", "good"),
    obj("Help first-time contributors land their first pull request", "good"),
    obj("Reach more families in need across the county", "good"),
    obj("Keep every volunteer engaged through their first year", "good"),
    obj("Make it easy for residents to renew a permit online", "good"),
    obj("Give caseworkers back time to spend with the people they serve", "good"),
    obj("Raise awareness of river pollution so that the council funds a clean-up", "good"),
    obj("Secure funding for our literacy programme for the next three years", "good"),
    obj("Release version 2.0", "poor"),
    obj("Organise the annual gala", "poor"),
    obj("Fundraising", "poor"),
    obj("Serve 5,000 meals a month", "poor"),
    obj("Create a volunteer handbook", "poor"),
    obj("Digital transformation", "poor"),
    obj("Upgrade the case management system", "poor"),
    # --- objectives: pasted formatting ----------------------------------------------
    obj("1. CEO: Grow our share of enterprise customers so revenue is less seasonal", "good"),
    obj("O2 - Make onboarding effortless for every new hire", "good"),
    obj("[p0] Delight our power users so that they recommend us", "good"),
    obj("• Objective: Help small charities accept online donations", "good"),
    obj("Support team: Make every customer feel heard (@maria) => on track", "good"),
    obj("P1 - Launch the new website", "poor"),
    obj("Objective 3: Increase conversion to X%", "poor"),
    obj("- [P2] Hiring", "poor"),
    obj("Eng (@sam): Rewrite the billing service", "poor"),
    obj("2) Grow ARR from $N to $N", "poor"),
    # --- key results: companies ------------------------------------------------------
    kr("Raise weekly active users from 350 to 500", "good"),
    kr("Reduce median first-response time from 9 hours to 2 hours", "good"),
    kr("Increase trial-to-paid conversion from 4% to 7%", "good"),
    kr("Cut monthly churn from 3.1% to 2%", "good"),
    kr("Grow qualified pipeline from $1.2M to $2M", "good"),
    kr("Lift NPS from 31 to 45", "good"),
    kr("Keep p95 API latency under 250 ms", "good"),
    kr("Maintain 99.95% uptime for checkout", "good"),
    kr("Close 12 new enterprise deals", "good"),
    kr("Resolve 90% of support tickets within 24 hours", "good"),
    kr("Bring deploy time down from 40 minutes to 10 minutes", "good"),
    kr("Increase organic sign-ups from 800 to 1,200 per month", "good"),
    kr("Reduce open P1 bugs from 14 to 3", "good"),
    kr("Double the number of customers using the API", "good"),
    kr("Launch self-serve billing in all EU markets", "good", "milestone"),
    kr("Pass the SOC 2 Type II audit", "good", "milestone"),
    kr("Sign a reseller agreement with a partner in Japan", "good", "milestone"),
    kr("Ship the new onboarding flow to 100% of new accounts", "good"),
    kr("Get 3 reference customers in healthcare", "good"),
    kr("Increase NPS to 50", "good"),
    kr("Improve customer satisfaction", "poor"),
    kr("Increase revenue", "poor"),
    kr("Make the product faster", "poor"),
    kr("Write a blog post about the launch", "poor"),
    kr("Hold a kick-off meeting with the sales team", "poor"),
    kr("Create a doc describing our pricing strategy", "poor"),
    kr("Research three CRM vendors", "poor"),
    kr("Meet with the top ten customers", "poor"),
    kr("Work on the performance of the search page", "poor"),
    kr("Reduce churn from 5% to 3% and raise NPS from 30 to 40", "poor"),
    kr("Increase revenue to $3M and hire 5 account executives", "poor"),
    kr("Increase MRR from $X to $Y", "poor"),
    kr("Grow conversion by XX%", "poor"),
    kr("Reach TBD paying customers", "poor"),
    kr("Cut response time from ? to 4 hours", "poor"),
    kr("Launch the EU store by Q3 2027", "poor", "milestone"),
    kr("Grow ARR from $4M to $6M by end of 2027", "poor"),
    kr("Reduce churn from 4% to 2% next quarter", "poor"),
    kr("Raise NPS from 30 to 45 by March 2027", "good"),
    kr("Lower cost per lead from $80 to $55 in Q1", "good"),
    kr("Launch the partner portal", "good", "milestone"),
    kr("Get 40 customers to complete the new tutorial", "good"),
    kr("Monitor churn every week", "poor"),
    kr("Try to improve onboarding emails", "poor"),
    kr("Brainstorm ideas for the referral programme", "poor"),
    # --- key results: open source, non-profit, public sector -------------------------
    kr("Grow monthly active contributors from 40 to 65", "good"),
    kr("Cut median time to first review from 6 days to 2 days", "good"),
    kr("Close 150 stale issues older than a year", "good"),
    kr("Get 10 new contributors to land a merged pull request", "good"),
    kr("Publish the 3.0 release with migration guide", "good", "milestone"),
    kr("Raise annual donations from €120k to €160k", "good"),
    kr("Increase recurring donors from 300 to 450", "good"),
    kr("Recruit 25 new volunteer tutors", "good"),
    kr("Serve 5,000 meals a month, up from 3,800", "good"),
    kr("Cut average permit processing time from 21 days to 7 days", "good"),
    kr("Move 60% of permit renewals online, up from 25%", "good"),
    kr("Reduce calls to the helpline about billing from 900 to 400 a month", "good"),
    kr("Open the new youth centre", "good", "milestone"),
    kr("Get council approval for the cycling plan", "good", "milestone"),
    kr("Improve the documentation", "poor"),
    kr("Host a contributor summit", "poor"),
    kr("Attend three conferences", "poor"),
    kr("Write a grant proposal", "poor"),
    kr("Discuss a partnership with the library", "poor"),
    kr("Raise awareness of our cause", "poor"),
    kr("Engage more volunteers", "poor"),
    kr("Increase donations from $N to $N", "poor"),
    kr("Serve X meals per week", "poor"),
    kr("Explore a new CI provider", "poor"),
    # --- key results: kind typed wrongly ----------------------------------------------
    kr("Launch the referral programme", "good", "metric"),
    kr("Raise retention from 80% to 88%", "good", "milestone"),
    kr("Publish the annual impact report", "good", "metric"),
    # --- key results: pasted formatting ---------------------------------------------
    kr("KR1: Raise weekly active users from 350 to 500", "good"),
    kr("Sales KR: Increase average deal size from €8k to €11k", "good"),
    kr("• @jane Reduce ticket backlog from 400 to 150 => 60% done", "good"),
    kr("[p1] Cut build time from 25 min to 8 min (@devops)", "good"),
    kr("2. (P2) Lift email open rate from 18% to 25%", "good"),
    kr("KR 2.3 – Grow newsletter subscribers from 2,000 to 3,500", "good"),
    kr("CEO: Close 3 strategic partnerships => 1 signed", "good"),
    kr("- Marketing: Increase demo requests from 60 to 90 per month", "good"),
    kr("KR3: Improve morale", "poor"),
    kr("Support KR: @lee Answer tickets faster => in progress", "poor"),
    kr("[P0] Increase ARR to $N", "poor"),
    kr("KR2: Grow active users by XX% (@tom)", "poor"),
    kr("1. Write onboarding doc => done", "poor"),
    kr("- [ ] Hold a retro with the team", "poor"),
    kr("Ops: Reduce costs from TBD to TBD", "poor"),
    kr("• KR4 - Hire ? engineers", "poor"),
]
