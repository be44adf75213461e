"""One test per rule, each with cases that must fire and cases that must not."""

from __future__ import annotations

import pytest

from workshop.core.coach import Finding, Severity, judge_key_result, judge_objective, verdict
from workshop.core.coach.text import clean, measure_numbers, placeholders
from workshop.core.domain import KeyResult, KeyResultKind


def rules(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


def severity_of(findings: list[Finding], rule: str) -> Severity:
    return next(f.severity for f in findings if f.rule == rule)


# --- findings and verdict ---------------------------------------------------------------


def test_verdict_is_poor_only_with_a_serious_finding() -> None:
    advice = Finding("x", Severity.ADVICE, "m", "h")
    serious = Finding("y", Severity.SERIOUS, "m", "h")
    assert verdict([]) == "good"
    assert verdict([advice, Finding("z", Severity.INFO, "m", "h")]) == "good"
    assert verdict([advice, serious]) == "poor"


def test_every_finding_has_a_short_message_and_a_hint() -> None:
    samples = [
        judge_objective(""),
        judge_objective("Launch the app"),
        judge_objective("Revenue"),
        judge_key_result("Improve onboarding"),
        judge_key_result("Increase MRR from $X to $Y"),
        judge_key_result("Ship v2 by Q3 2027", period="2027-Q1"),
    ]
    for findings in samples:
        for f in findings:
            assert f.message and f.hint
            assert len(f.message.split()) <= 22, f.message


# --- cleaning pasted text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "cleaned"),
    [
        ("CEO: Grow ARR consistently", "Grow ARR consistently"),
        ("Sales KR: Increase deal size from 8 to 11", "Increase deal size from 8 to 11"),
        ("KR1: Raise NPS from 30 to 40", "Raise NPS from 30 to 40"),
        ("KR 2.3 – Grow subscribers", "Grow subscribers"),
        ("O2 - Make onboarding effortless", "Make onboarding effortless"),
        ("[p0] Delight power users", "Delight power users"),
        ("P1 - Launch the website", "Launch the website"),
        ("Cut churn (P2)", "Cut churn"),
        ("@jane Reduce backlog", "Reduce backlog"),
        ("Reduce backlog (@devops, @sam)", "Reduce backlog"),
        ("Reduce backlog from 400 to 150 => 60% done", "Reduce backlog from 400 to 150"),
        ("1. Grow revenue", "Grow revenue"),
        ("2) Grow revenue", "Grow revenue"),
        ("- Grow revenue", "Grow revenue"),
        ("• Grow revenue", "Grow revenue"),
        ("- [ ] Grow revenue", "Grow revenue"),
        ("1. [P1] Sales KR: @bob Close 12 deals => 4 so far", "Close 12 deals"),
        ("Objective: Help small charities", "Help small charities"),
        # roman-numeral bullets, as in public-sector plans
        ("ii Annual costs are agreed", "Annual costs are agreed"),
        ("iv. Grow revenue", "Grow revenue"),
        ("IX) Grow revenue", "Grow revenue"),
        # an owner not chosen yet, and a priority not chosen yet
        ("`PX` - @??? - Onboard 2+ mentors", "Onboard 2+ mentors"),
        # markdown and HTML from a README
        (
            "Reach **10k** readers of [the blog](https://example.org)",
            "Reach 10k readers of the blog",
        ),
        ("Use the `okr` CLI in _every_ team", "Use the okr CLI in every team"),
        ("Raise activation to [_N<sub>2</sub>_][n2]", "Raise activation to N"),
        ("Cut CO<sub>2</sub> by 10%", "Cut CO2 by 10%"),
    ],
)
def test_clean_strips_pasted_formatting(pasted: str, cleaned: str) -> None:
    assert clean(pasted) == cleaned


@pytest.mark.parametrize(
    "kept",
    [
        "99.9% API uptime",  # a number, not a "99." bullet
        "P95 latency under 200 ms",  # a metric name, not a "P9" priority tag
        "Reduce churn: from 5% to 3%",  # a verb before the colon: the draft itself
        "Email team@example.org weekly",  # an address, not a handle
        "i will grow the list",  # a lower-case "i" before a lower-case word is not a bullet
        "Grow snake_case adoption",  # an underscore inside a word is not emphasis
    ],
)
def test_clean_keeps_text_that_only_looks_like_formatting(kept: str) -> None:
    assert clean(kept) == kept


# --- placeholders ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Increase MRR from $X to $Y", ["$X", "$Y"]),
        ("Grow sign-ups by XX%", ["XX%"]),
        ("Reach N paying customers", ["N"]),
        ("Reach TBD paying customers", ["TBD"]),
        ("Hire ? engineers", ["?"]),
        ("Raise donations from $N to $N", ["$N", "$N"]),
        ("Grow usage from X to Y", ["X", "Y"]),
        ("Grow conversion to x%", ["x%"]),
    ],
)
def test_placeholders_are_found(text: str, found: list[str]) -> None:
    assert placeholders(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Grow followers on X from 2k to 5k",  # the network
        "Is this working?",  # a question mark ends a word
        "Cut costs by 2x",
        "Serve Gen Z readers",
        "Draft plan B",
    ],
)
def test_placeholders_are_not_invented(text: str) -> None:
    assert placeholders(text) == []


def test_unassigned_owner_is_not_a_missing_number() -> None:
    findings = judge_key_result("@??? - Onboard 4 new maintainers")
    assert "kr.target_not_set" not in rules(findings)
    assert verdict(findings) == "good"


def test_markdown_placeholder_is_found() -> None:
    assert "kr.target_not_set" in rules(
        judge_key_result("Raise activation to [_N<sub>2</sub>_][n2]")
    )


# --- objective rules ---------------------------------------------------------------------


def test_objective_empty() -> None:
    assert rules(judge_objective("  ")) == {"objective.empty"}
    assert rules(judge_objective("- [p1] @sam")) == {"objective.empty"}
    assert "objective.empty" not in rules(judge_objective("Grow"))


@pytest.mark.parametrize(
    ("text", "severity"),
    [("Revenue", Severity.SERIOUS), ("Customer happiness", Severity.SERIOUS)],
)
def test_objective_verb_topic_is_serious(text: str, severity: Severity) -> None:
    assert severity_of(judge_objective(text), "objective.verb") is severity


def test_objective_verb_long_noun_phrase_is_advice() -> None:
    findings = judge_objective("A delightful first week for every new hire")
    assert severity_of(findings, "objective.verb") is Severity.ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "Calm, focused, well-rested support team",
        "Operational excellence across every region",
        "Having loyal readers of the newsletter",
    ],
)
def test_objective_verb_slogan_is_serious(text: str) -> None:
    """Adjectives and a noun with no verb, no clause and no reason: a heading, not an aim."""
    assert severity_of(judge_objective(text), "objective.verb") is Severity.SERIOUS


@pytest.mark.parametrize(
    "text",
    [
        "Our volunteers feel trusted and well equipped",
        "The city's open data is easy for residents to reuse",
    ],
)
def test_objective_verb_state_clause_is_advice(text: str) -> None:
    findings = judge_objective(text)
    assert severity_of(findings, "objective.verb") is Severity.ADVICE
    assert verdict(findings) == "good"


@pytest.mark.parametrize(
    "text",
    [
        "Grow attendance at our meetup so that members find collaborators",
        "We will win back lapsed donors",
        "Significantly reduce waiting times at the front desk",
        "Re-launch our newsletter so readers open it again",
        "CEO: Earn customer love and trust",
        "Help first-time contributors land their first pull request",
    ],
)
def test_objective_verb_passes(text: str) -> None:
    assert "objective.verb" not in rules(judge_objective(text))


@pytest.mark.parametrize(
    "text",
    [
        "Increase NPS from 30 to 50",
        "Grow revenue to $5M",
        "Reach 10,000 paying users",
        "Grow revenue to $X",
        "Improve retention to 90%",
    ],
)
def test_objective_quantitative_fires(text: str) -> None:
    assert severity_of(judge_objective(text), "objective.quantitative") is Severity.SERIOUS


def test_objective_quantitative_multiplier_word_is_advice() -> None:
    findings = judge_objective("Double our reach so more families get help")
    assert severity_of(findings, "objective.quantitative") is Severity.ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "Become the #1 choice for nonprofits in Europe",
        "Make our top 3 products easier to buy",
        "Offer 24/7 support that customers love",
        "Win the public sector in 2027 so we can grow abroad",
        "Move every service to Python 3 so we stay secure",
        "Earn SOC 2 trust from enterprise buyers",
    ],
)
def test_objective_quantitative_ignores_names_dates_and_versions(text: str) -> None:
    assert "objective.quantitative" not in rules(judge_objective(text))


@pytest.mark.parametrize(
    "text",
    [
        "Make onboarding effortless for every new hire",
        "Improve onboarding in order to keep new users",
        "Cut alert noise so on-call engineers sleep",
        "Grow our community to help members find jobs",
        "Build a pipeline we can forecast with confidence",
        "Build a booking process that saves families a trip to the office",  # relative clause
    ],
)
def test_objective_why_passes(text: str) -> None:
    assert "objective.why" not in rules(judge_objective(text))


def test_objective_why_missing_is_advice() -> None:
    findings = judge_objective("Earn customer love and trust")
    assert severity_of(findings, "objective.why") is Severity.ADVICE
    assert verdict(findings) == "good"


@pytest.mark.parametrize(
    "text",
    ["Launch the app", "Migrate to Kubernetes", "Build the new billing API", "Hold a meeting"],
)
def test_objective_task_without_why_is_serious(text: str) -> None:
    findings = judge_objective(text)
    assert severity_of(findings, "objective.task") is Severity.SERIOUS
    assert "why" in next(f.message for f in findings if f.rule == "objective.task").lower()


@pytest.mark.parametrize(
    "text",
    [
        "Launch the app so that customers can order on the go",
        "Build a thriving contributor community",
        "Create a workplace where people stay",
    ],
)
def test_objective_task_passes_with_why_or_outcome(text: str) -> None:
    assert "objective.task" not in rules(judge_objective(text))


def test_objective_activity_with_why_is_advice() -> None:
    findings = judge_objective("Research our users so that we build the right thing")
    assert severity_of(findings, "objective.task") is Severity.ADVICE


def test_objective_length() -> None:
    long = (
        "Improve the way our whole organisation plans, runs and reviews every single project "
        "so that teams across all regions feel they are heard and supported by leadership"
    )
    assert severity_of(judge_objective(long), "objective.length") is Severity.ADVICE
    assert "objective.length" not in rules(judge_objective("Make releases boring and safe"))


# --- key result rules --------------------------------------------------------------------


def test_kr_empty() -> None:
    assert rules(judge_key_result("")) == {"kr.empty"}
    assert rules(judge_key_result(KeyResult(text="KR1: "))) == {"kr.empty"}


@pytest.mark.parametrize(
    "text",
    [
        "Increase MRR from $X to $Y",
        "Grow sign-ups by XX%",
        "Reach TBD paying customers",
        "Cut response time from ? to 4 hours",
        "Sales KR: @bob Increase ARR to $N => pending",
    ],
)
def test_kr_target_not_set(text: str) -> None:
    findings = judge_key_result(text)
    assert severity_of(findings, "kr.target_not_set") is Severity.SERIOUS
    # A placeholder is not read as a number, nor as a missing measure.
    assert "kr.measurable" not in rules(findings)


def test_kr_target_not_set_from_fields() -> None:
    findings = judge_key_result(KeyResult(text="Grow sign-ups", start="120", target="TBD"))
    assert "kr.target_not_set" in rules(findings)
    assert "kr.target_not_set" not in rules(
        judge_key_result(KeyResult(text="Grow sign-ups", start="120", target="200", unit="a week"))
    )


@pytest.mark.parametrize(
    "text", ["Improve customer satisfaction", "Increase revenue", "Make the product faster"]
)
def test_kr_measurable_fires(text: str) -> None:
    assert severity_of(judge_key_result(text), "kr.measurable") is Severity.SERIOUS


@pytest.mark.parametrize(
    "text",
    [
        "Raise weekly active users from 350 to 500",
        "Resolve 90% of tickets within 24 hours",
        "Grow donations from €120k to €160k",
        "Double the number of API customers",
        "Reach zero critical vulnerabilities",
        "Launch the partner portal",  # a milestone is measurable: done or not
    ],
)
def test_kr_measurable_passes(text: str) -> None:
    assert "kr.measurable" not in rules(judge_key_result(text))


@pytest.mark.parametrize(
    "text",
    [
        "Data retention policy fully implemented",
        "Invoicing in euros added for EU customers",
        "SSO supported for all enterprise plans",
        "Each region has an on-call rota",
        "Users can export their data as CSV",
        "A public status page exists",
        "The payments service supports refunds",
        "Signup flow rebuilt and in production",
    ],
)
def test_kr_finished_state_without_a_verb_is_measurable(text: str) -> None:
    """A verbless finished state is done or not at the end of the period, like a milestone."""
    findings = judge_key_result(text)
    assert "kr.measurable" not in rules(findings)
    assert verdict(findings) == "good"


@pytest.mark.parametrize(
    "text",
    ["Team has better tooling", "Customers have a nicer experience", "Support is friendlier"],
)
def test_kr_vague_state_is_still_not_measurable(text: str) -> None:
    assert "kr.measurable" in rules(judge_key_result(text))


@pytest.mark.parametrize(
    "text", ["Revenue doubles year on year", "Churn halved", "Active volunteers tripled"]
)
def test_kr_inflected_multiplier_is_a_number(text: str) -> None:
    assert "kr.measurable" not in rules(judge_key_result(text))


def test_kr_measurable_uses_fields() -> None:
    kr = KeyResult(text="Grow weekly active users", start="350", target="500", unit="users")
    assert judge_key_result(kr) == []


def test_kr_milestone_that_is_vague_is_not_measurable() -> None:
    kr = KeyResult(text="Improve onboarding", kind=KeyResultKind.MILESTONE)
    assert "kr.measurable" in rules(judge_key_result(kr))


@pytest.mark.parametrize(
    "text",
    [
        "Write a blog post about the launch",
        "Hold a kick-off meeting with sales",
        "Create a doc describing our pricing",
        "Research three CRM vendors",
        "Meet with the top ten customers",
        "Host 4 community meetups",
        "Schedule weekly syncs with support",
        "Run 5 usability tests with new customers",
        "Conduct 12 customer interviews",
        "Deliver two webinars on the new API",
        "Create a product roadmap",
        "Write the annual budget",
        "Annual running costs are determined and documented",  # preparation reported as done
        "Hiring strategy is defined",
        "Roadmap for 2027 created",  # making a document, as a finished state
    ],
)
def test_kr_activity(text: str) -> None:
    assert severity_of(judge_key_result(text), "kr.activity") is Severity.SERIOUS


@pytest.mark.parametrize(
    "text",
    [
        "Publish 8 blog posts in Q1",
        "Create 3 new partner integrations",
        "Launch the new site",
        "Webinar attendance up from 40 to 80",  # a measure of the event, not the event
        "Sessions per user from 3 to 5",
        "Run integration tests in under 5 minutes",
        "New onboarding flow built and live",
        "Data retention policy approved by the board",
    ],
)
def test_kr_activity_passes_for_deliverables(text: str) -> None:
    assert "kr.activity" not in rules(judge_key_result(text))


@pytest.mark.parametrize("text", ["Increase NPS to 50", "Reach 500 weekly active users"])
def test_kr_from_to_advice(text: str) -> None:
    findings = judge_key_result(text)
    assert severity_of(findings, "kr.from_to") is Severity.ADVICE
    assert verdict(findings) == "good"


@pytest.mark.parametrize(
    "text",
    [
        "Increase NPS from 30 to 50",
        "Serve 5,000 meals a month, up from 3,800",
        "Keep p95 latency under 250 ms",
        "Maintain 99.9% uptime",
        "Close 12 new enterprise deals",
    ],
)
def test_kr_from_to_passes(text: str) -> None:
    assert "kr.from_to" not in rules(judge_key_result(text))


def test_kr_unit() -> None:
    assert "kr.unit" in rules(judge_key_result("Increase from 3 to 5"))
    assert "kr.unit" in rules(judge_key_result(KeyResult(text="Grow it", start="3", target="5")))
    assert "kr.unit" not in rules(judge_key_result("Increase bookings from 3 to 5 a week"))
    assert "kr.unit" not in rules(
        judge_key_result(KeyResult(text="Grow it", start="3", target="5", unit="bookings"))
    )
    assert "kr.unit" not in rules(
        judge_key_result(KeyResult(text="Grow it", start="3%", target="5%"))
    )


def test_kr_kind_binary_typed_as_metric() -> None:
    kr = KeyResult(text="Launch the referral programme", kind=KeyResultKind.METRIC)
    assert severity_of(judge_key_result(kr), "kr.kind") is Severity.ADVICE
    as_milestone = KeyResult(text="Launch the referral programme", kind=KeyResultKind.MILESTONE)
    assert judge_key_result(as_milestone) == []
    # A plain string has no kind to get wrong.
    assert "kr.kind" not in rules(judge_key_result("Launch the referral programme"))


def test_kr_kind_milestone_with_from_to() -> None:
    kr = KeyResult(text="Raise retention from 80% to 88%", kind=KeyResultKind.MILESTONE)
    assert severity_of(judge_key_result(kr), "kr.kind") is Severity.ADVICE
    fields = KeyResult(
        text="Raise retention", kind=KeyResultKind.MILESTONE, start="80", target="88"
    )
    assert "kr.kind" in rules(judge_key_result(fields))


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Launch the EU store by Q3 2027", "2027-Q1"),
        ("Grow ARR from $4M to $6M by end of 2027", "2027-Q1"),
        ("Reduce churn from 4% to 2% next quarter", "Q1 2027"),
        ("Open the new clinic by June", "2027-Q1"),
        ("Reach 500 members in 2028", "2027"),
        ("Cut waiting time from 20 to 5 days by 2027-09-30", "H1 2027"),
    ],
)
def test_kr_period_outside(text: str, period: str) -> None:
    assert severity_of(judge_key_result(text, period=period), "kr.period") is Severity.SERIOUS


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Raise NPS from 30 to 45 by March 2027", "2027-Q1"),
        ("Lower cost per lead from $80 to $55 in Q1", "2027-Q1"),
        ("Raise adoption from 30% in Q4 2026 to 50%", "2027-Q1"),  # an earlier baseline
        ("Raise NPS from 30 to 45", "2027-Q1"),  # the period itself is the time bound
        ("Launch the EU store by Q3 2027", ""),  # no period: nothing to compare
        ("Launch the EU store by Q3 2027", "someday"),  # unreadable period
        ("We may grow from 3 to 5 teams", "2027-Q1"),  # "may" the verb
    ],
)
def test_kr_period_inside_or_unknown(text: str, period: str) -> None:
    assert "kr.period" not in rules(judge_key_result(text, period=period))


@pytest.mark.parametrize(
    "text",
    [
        "Reduce churn from 5% to 3% and raise NPS from 30 to 40",
        "Increase revenue to $3M and hire 5 account executives",
        "Grow MAU to 10k; cut churn to 2%",
    ],
)
def test_kr_compound_targets(text: str) -> None:
    # Every part has a number, so each can be scored: splitting it is advice (round 6).
    findings = judge_key_result(text)
    assert severity_of(findings, "kr.compound") is Severity.ADVICE
    assert verdict(findings) == "good"


def test_kr_compound_deliverables_is_advice() -> None:
    findings = judge_key_result("Launch the partner portal and migrate all resellers to it")
    assert severity_of(findings, "kr.compound") is Severity.ADVICE


@pytest.mark.parametrize(
    "text",
    [
        "Reduce P1 and P2 incidents from 12 to 4",
        "Serve 5,000 meals a month, up from 3,800",
        "Design and launch the new portal",
        "Grow sign-ups from 1,200 to 2,000",
    ],
)
def test_kr_compound_passes(text: str) -> None:
    assert "kr.compound" not in rules(judge_key_result(text))


def test_kr_duplicate() -> None:
    siblings = ["KR2: raise NPS from 30 to 45.", "Cut churn from 4% to 3%"]
    findings = judge_key_result("Raise NPS from 30 to 45", siblings=siblings)
    assert severity_of(findings, "kr.duplicate") is Severity.SERIOUS
    assert "kr.duplicate" not in rules(
        judge_key_result("Raise NPS from 30 to 50", siblings=siblings)
    )
    assert "kr.duplicate" not in rules(judge_key_result("Raise NPS from 30 to 45"))


def test_kr_verb() -> None:
    assert severity_of(judge_key_result("99.9% API uptime"), "kr.verb") is Severity.ADVICE
    assert "kr.verb" not in rules(judge_key_result("Maintain 99.9% API uptime"))


def test_kr_verb_hint_adds_no_second_range() -> None:
    # Seen in tmux: "Try: Raise ready bikes at 7am from 80% to 95% from X to Y."
    (with_range,) = [
        f for f in judge_key_result("Ready bikes at 7am from 80% to 95%") if f.rule == "kr.verb"
    ]
    assert with_range.hint == "Try: Raise ready bikes at 7am from 80% to 95%."
    (without,) = [f for f in judge_key_result("99.9% API uptime") if f.rule == "kr.verb"]
    assert without.hint == "Try: Raise 99.9% API uptime from X to Y."


def test_kr_length() -> None:
    long = (
        "Increase the share of customers who complete the new onboarding checklist within "
        "their first fourteen days after signing up for a paid plan from 20% to 45% across "
        "all regions"
    )
    assert severity_of(judge_key_result(long), "kr.length") is Severity.ADVICE
    assert "kr.length" not in rules(judge_key_result("Raise NPS from 30 to 45"))


def test_original_text_is_not_changed() -> None:
    kr = KeyResult(text="  KR1: @ann Raise NPS from 30 to 45 => ok  ")
    judge_key_result(kr)
    assert kr.text == "  KR1: @ann Raise NPS from 30 to 45 => ok  "


# --- clause reading: finished states, judgements, preparation (issue 3, third round) ----
# Sentences written for these tests, not taken from the labelled sets.


def kr_verdict(text: str) -> str:
    return verdict(judge_key_result(text, period="2027-Q1"))


@pytest.mark.parametrize(
    "text",
    [
        "The mobile app works offline on Android and iOS",  # finite verb
        "Checkout supports Apple Pay",
        "The new search index replaces the legacy Solr cluster",
        "Python and Rust clients are feature-compatible",  # copula + checkable adjective
        "All services are containerised",
        "Invoices generated automatically at month end",  # predicative participle
        "SSO enabled for every enterprise tenant",
        "The CLI has a plugin system",  # possession of a capability
        "Our API accepts OAuth tokens",
        "The website is accessible to screen-reader users",
    ],
)
def test_finished_state_without_a_leading_verb_is_a_milestone(text: str) -> None:
    assert kr_verdict(text) == "good", judge_key_result(text)


@pytest.mark.parametrize(
    "text",
    [
        "Great onboarding experience exists",  # existence of a judgement
        "Wonderful release notes exist",  # judgement by its -ful ending
        "Our docs are clear and friendly",
        "Documentation is up to date and welcoming",
        "Modern, intuitive dashboard is in place",
        "Strong partnerships are established",
        "The data platform is robust",
        "Stakeholders are happy with reporting",
        "The team has a better release process",
    ],
)
def test_a_judgement_is_not_a_checkable_state(text: str) -> None:
    findings = judge_key_result(text)
    assert "kr.measurable" in rules(findings)
    assert verdict(findings) == "poor"


@pytest.mark.parametrize(
    "text",
    [
        "The launch has a detailed plan",  # owning a planning document
        "The migration has a proposal doc",
        "Establish coding standards",  # deciding how to work or measure
        "Define success metrics for the pilot",
        "Set quarterly targets for each region",
        "Write up lessons learned in a doc",
    ],
)
def test_preparation_is_a_to_do(text: str) -> None:
    assert "kr.activity" in rules(judge_key_result(text))


@pytest.mark.parametrize(
    "text",
    [
        "Each clinic has a trained data steward",  # has + a role, not a document
        "Establish an on-call rotation covering all time zones",  # not a way-of-working noun
        "Publish the API guide in the docs portal",  # "in the docs portal" is a place
    ],
)
def test_preparation_rules_leave_results_alone(text: str) -> None:
    assert "kr.activity" not in rules(judge_key_result(text))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Support for encrypted backups", "poor"),  # "encrypted" modifies "backups"
        ("Redesigned settings page for admins", "poor"),
        ("Automated deploys for the data team", "poor"),
        ("Windows installer signed and notarised", "good"),  # a state, at the end
        ("Dark mode shipped to all users", "good"),  # a state, before a preposition
        ("Contract is signed by both parties", "good"),  # after a copula
    ],
)
def test_a_done_word_is_a_state_only_in_predicate_position(text: str, label: str) -> None:
    assert kr_verdict(text) == label


def test_a_version_is_not_a_measure() -> None:
    assert "kr.measurable" in rules(judge_key_result("Customer Portal 2.0"))
    assert kr_verdict("Grow paying teams (from 40 to 60)") == "good"
    assert kr_verdict("Raise the satisfaction score from 7.0 to 8.5") == "good"


def test_a_vague_clause_beside_a_measured_one_is_serious() -> None:
    findings = judge_key_result("Enhance the search UX and cut bounce rate from 40% to 30%")
    assert severity_of(findings, "kr.compound") is Severity.SERIOUS
    assert kr_verdict("Improve reliability, reach 99.9% uptime") == "poor"
    # Nouns joined by "and" are one measure, not a vague clause.
    assert "kr.compound" not in rules(judge_key_result("Reduce sev1 and sev2 pages from 9 to 3"))


def test_the_lead_verb_is_read_by_shape() -> None:
    # The last of two joined verbs names the result.
    assert kr_verdict("Design and ship the new onboarding flow") == "good"
    assert kr_verdict("Draft and publish 3 field guides for volunteers") == "good"


@pytest.mark.parametrize(
    "text",
    [
        "Radically simplify how customers pay us",  # unknown verb after an adverb
        "Democratise access to legal advice",  # -ise verb
        "Boldly expand into Southeast Asia",
    ],
)
def test_objective_verbs_by_shape(text: str) -> None:
    assert "objective.verb" not in rules(judge_objective(text))
    assert verdict(judge_objective(text)) == "good"


def test_enterprise_is_not_a_verb() -> None:
    assert "objective.verb" in rules(judge_objective("Enterprise readiness"))


@pytest.mark.parametrize(
    "text", ["Understand why trial users churn", "Learn how donors choose a charity"]
)
def test_learning_is_not_an_objective(text: str) -> None:
    findings = judge_objective(text)
    assert severity_of(findings, "objective.task") is Severity.SERIOUS


def test_learning_with_a_reason_is_only_advice() -> None:
    text = "Deeply understand our users so we build what they need"
    assert verdict(judge_objective(text)) == "good"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Build an analytics platform for Finance", "poor"),  # a domain, not a beneficiary
        ("Create a mobile app for iOS", "poor"),
        ("Build tools for small farmers", "good"),  # plural people
        ("Develop software for schools", "good"),
        ("Make hiring fair for every candidate", "good"),  # determiner
        ("Become the trusted voice for local renters", "good"),
    ],
)
def test_for_names_a_beneficiary_only_when_it_names_someone(text: str, label: str) -> None:
    assert verdict(judge_objective(text)) == label


# --- fourth round: principles 9-15 (docs/coach.md) ---------------------------------------


def test_several_measured_targets_are_advice_but_an_unmeasured_part_is_serious() -> None:
    # One verb or two, every part carries a number: each can be scored.
    for text in (
        "Raise $300k from companies and $90k from alumni",
        "Cut refunds from 4% to 2% and lift repeat orders from 20% to 30%",
        "Ticket backlog under 50, and first reply within 4 hours",
    ):
        findings = judge_key_result(text)
        assert severity_of(findings, "kr.compound") is Severity.ADVICE, text
        assert verdict(findings) == "good", text
    # A part that names no measure cannot be scored, so neither can the whole.
    findings = judge_key_result("Modernise the donor journey and raise gift aid claims to 80%")
    assert severity_of(findings, "kr.compound") is Severity.SERIOUS


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Regional offices hit their hiring targets every month", "good"),
        ("Rural clinics send their patients to the new service", "good"),
        ("Store managers plan and improve their rotas", "poor"),  # the last verb: improve
    ],
)
def test_a_plural_subject_takes_a_base_verb(text: str, label: str) -> None:
    assert kr_verdict(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "Partner charities turn to us first for shared services",
        "Our members should feel at home from their first visit",
        "Suppliers must trust our forecasts",
    ],
)
def test_an_objective_stated_as_a_clause_is_an_aim(text: str) -> None:
    assert verdict(judge_objective(text)) == "good"


def test_a_noun_compound_is_not_a_clause() -> None:
    assert "objective.verb" in rules(judge_objective("Sales lead time"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Build a warmer welcome among our regional chapters", "good"),  # object: welcome
        ("Create trust between our drivers and dispatchers", "good"),
        ("Build the booking dashboard", "poor"),  # object: dashboard
    ],
)
def test_a_making_verb_is_a_task_only_by_its_own_object(text: str, label: str) -> None:
    assert verdict(judge_objective(text)) == label


def test_a_purpose_infinitive_is_a_why() -> None:
    assert (
        verdict(judge_objective("Track and share our grant spending to earn the trust of funders"))
        == "good"
    )
    assert verdict(judge_objective("Publish the annual accounts")) == "poor"
    # "to" before a noun is a direction, not a reason.
    assert "objective.why" in rules(judge_objective("Bring the new tablet range to market"))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We documented how the support rota works", "poor"),  # document: an activity
        ("We have researched three new markets", "poor"),
        ("We launched self-service refunds in every store", "good"),
        ("We have shipped dark mode to all desktop users", "good"),
        ("Automated deploys for every service", "poor"),  # a modifier, not a past verb
    ],
)
def test_a_past_verb_is_read_as_its_base(text: str, label: str) -> None:
    assert kr_verdict(text) == label


def test_a_past_verb_opening_an_objective_is_read_as_its_base() -> None:
    findings = judge_objective("Completed the office move")
    assert severity_of(findings, "objective.task") is Severity.SERIOUS


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The annual hiring plan is approved by the board", "poor"),
        ("A content strategy for the Lisbon office is in place", "poor"),
        ("Budget proposal shared with all department heads", "poor"),
        ("We have delivered a report on volunteer retention", "poor"),
        ("Present the findings report to the trustees", "poor"),
        # Carrying out a plan is a result.
        ("Every step on the office move plan is carried out", "good"),
        ("The refund policy is live in all stores", "good"),
    ],
)
def test_a_plan_is_preparation_however_finished(text: str, label: str) -> None:
    assert kr_verdict(text) == label


# --- fifth round -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("General availability release of the booking app", "good"),  # = release it
        ("Public launch of the donor portal", "good"),
        ("Completion of the warehouse migration", "good"),
        ("Security review of the payment flow", "poor"),  # = review it: an activity
        ("Improvement of onboarding", "poor"),  # a vague verb as a noun stays vague
        ("Team of reviewers for each sprint", "poor"),  # no verb noun: a heading
    ],
)
def test_a_verb_written_as_a_noun_is_judged_as_that_verb(text: str, label: str) -> None:
    assert kr_verdict(text) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Define the pricing tiers for schools", "poor"),  # deciding, not a result
        ("Describe four ways to fund the library", "poor"),  # writing, even with a count
        ("The vendor shortlist is defined and signed", "poor"),
        ("Pricing plan defined by the board", "poor"),
        ("Describe", "poor"),
        ("Ship the pricing tiers for schools", "good"),
    ],
)
def test_defining_and_describing_are_preparation(text: str, label: str) -> None:
    assert kr_verdict(text) == label


def test_a_defining_objective_without_a_reason_is_a_task() -> None:
    assert verdict(judge_objective("Define our partner programme")) == "poor"
    assert verdict(judge_objective("Define our partner programme so that resellers grow")) == (
        "good"
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Searchable archive of past issues", "poor"),  # a modifier: a heading
        ("Maintenance predictable for customers", "poor"),  # a judgement, not a look
    ],
)
def test_an_able_word_before_a_noun_is_a_modifier(text: str, label: str) -> None:
    assert kr_verdict(text) == label


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Raise the partner satisfaction score by .5", [".5"]),
        ("Cut the defect rate from .8% to .3%", [".8%", ".3%"]),
        ("Ship v2.5 of the reader app", []),  # a version, still not a measure
        ("Upgrade to Python 3.12", []),
    ],
)
def test_a_leading_dot_decimal_is_a_number(text: str, numbers: list[str]) -> None:
    assert measure_numbers(text) == numbers
    assert kr_verdict(text) == "good"
