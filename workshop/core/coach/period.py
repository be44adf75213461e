"""Periods and deadlines: is a date written in a key result inside the workshop's period?

A period is what the room typed on the setup screen: "2027-Q1", "Q1 2027", "H2 2027",
"2027", "FY2027", "2027-03". A deadline is a date a key result names: "by Q3 2027",
"by end of March", "in 2028", "next quarter". Only deadlines that end after the period
count as outside it; an earlier date is usually a baseline ("from 30% in Q4 2026").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NUMBERS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"  # noqa: E501
_YEAR = r"(?P<year>(?:19|20)\d{2}|'\d{2})"


@dataclass(frozen=True)
class Span:
    """An inclusive range of days."""

    start: dt.date
    end: dt.date
    text: str = ""


def _year(raw: str | None, default: int | None) -> int | None:
    if not raw:
        return default
    if raw.startswith("'"):
        return 2000 + int(raw[1:])
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def _quarter(year: int, q: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * q - 2, 1)
    return first, _month_end(year, 3 * q)


def _half(year: int, h: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


_PERIOD_PATTERNS = (
    re.compile(r"^(?:fy|cy)?\s*(?P<year>\d{4}|\d{2})\s*[-/ ]?\s*q(?P<q>[1-4])$", re.I),
    re.compile(r"^q(?P<q>[1-4])\s*[-/ ,']?\s*(?:fy|cy)?\s*(?P<year>\d{4}|\d{2})?$", re.I),
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*h(?P<h>[12])$", re.I),
    re.compile(r"^h(?P<h>[12])\s*[-/ ]?\s*(?:fy|cy)?\s*(?P<year>\d{4}|\d{2})?$", re.I),
    re.compile(r"^(?:fy|cy)?\s*(?P<year>\d{4})$", re.I),
    re.compile(r"^fy\s*(?P<year>\d{2})$", re.I),
    re.compile(r"^(?P<year>\d{4})-(?P<m>\d{2})$"),
)


def parse_period(period: str) -> Span | None:
    """Read a workshop period; None if it cannot be read (then no deadline is judged)."""
    p = period.strip()
    for pattern in _PERIOD_PATTERNS:
        m = pattern.match(p)
        if not m:
            continue
        groups = m.groupdict()
        year = _year(groups.get("year"), dt.date.today().year)
        if year is None:
            return None
        if groups.get("q"):
            return Span(*_quarter(year, int(groups["q"])), p)
        if groups.get("h"):
            return Span(*_half(year, int(groups["h"])), p)
        if groups.get("m"):
            month = int(groups["m"])
            if not 1 <= month <= 12:
                return None
            return Span(dt.date(year, month, 1), _month_end(year, month), p)
        return Span(dt.date(year, 1, 1), dt.date(year, 12, 31), p)
    return None


_DEADLINES = re.compile(
    rf"\b(?:(?:fy|cy)\s*)?q(?P<q>[1-4])\s*(?:[-/ ,]\s*|')?(?:(?:fy|cy)\s*)?{_YEAR}?\b"
    rf"|\b{_YEAR.replace('year', 'qyear')}\s*[-/ ]?\s*q(?P<q2>[1-4])\b"
    rf"|\bh(?P<h>[12])\s*(?:[-/ ,]\s*)?{_YEAR.replace('year', 'hyear')}?\b"
    rf"|\b(?P<iso>(?:19|20)\d{{2}}-\d{{2}}-\d{{2}})\b"
    rf"|\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:,?\s+{_YEAR.replace('year', 'myear')})?\b"
    r"|\b(?:by|in|before|until|till|during|through|end\s+of|within)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:fy\s*)?(?P<byear>(?:19|20)\d{2})\b(?!\s*%)"
    r"|\b(?P<rel>next\s+(?:quarter|year|half|month)|end\s+of\s+(?:the\s+)?year|eoy|year[-\s]end"
    r"|next\s+fiscal\s+year|by\s+(?:the\s+)?end\s+of\s+next)\b",
    re.IGNORECASE,
)


def deadlines(text: str, period: Span) -> list[Span]:
    """Dates named in the text, read in the period's year when no year is given."""
    year = period.start.year
    out: list[Span] = []
    for m in _DEADLINES.finditer(text):
        g = m.groupdict()
        found = m.group(0)
        try:
            if g["q"] or g["q2"]:
                y = _year(g["year"] or g["qyear"], year)
                assert y is not None
                out.append(Span(*_quarter(y, int(g["q"] or g["q2"])), found))
            elif g["h"]:
                y = _year(g["hyear"], year)
                assert y is not None
                out.append(Span(*_half(y, int(g["h"])), found))
            elif g["iso"]:
                d = dt.date.fromisoformat(g["iso"])
                out.append(Span(d, d, found))
            elif g["month"]:
                # "may" is also a verb; count it only with a day or a year next to it.
                name = g["month"].lower()
                if name == "may" and not (g["myear"] or any(c.isdigit() for c in found)):
                    continue
                y = _year(g["myear"], year)
                assert y is not None
                month = _MONTH_NUMBERS.get(name) or _MONTH_NUMBERS[name[:3]]
                out.append(Span(dt.date(y, month, 1), _month_end(y, month), found))
            elif g["byear"]:
                y = int(g["byear"])
                out.append(Span(dt.date(y, 1, 1), dt.date(y, 12, 31), found))
            elif g["rel"]:
                out.append(_relative(g["rel"].lower(), period, found))
        except ValueError:
            continue  # "2027-13-45": not a date after all
    return out


def _relative(rel: str, period: Span, found: str) -> Span:
    end = period.end
    if "quarter" in rel:
        start = end + dt.timedelta(days=1)
        return Span(start, _month_end(start.year, min(12, start.month + 2)), found)
    if "month" in rel:
        start = end + dt.timedelta(days=1)
        return Span(start, _month_end(start.year, start.month), found)
    if "next" in rel:  # next year, next half, next fiscal year
        return Span(dt.date(end.year + 1, 1, 1), dt.date(end.year + 1, 12, 31), found)
    return Span(dt.date(end.year, 12, 31), dt.date(end.year, 12, 31), found)  # end of year


def outside(text: str, period: str) -> list[str]:
    """The deadlines in `text` that end after `period` ends ([] if the period is unreadable)."""
    span = parse_period(period)
    if span is None:
        return []
    return [d.text.strip() for d in deadlines(text, span) if d.end > span.end]
