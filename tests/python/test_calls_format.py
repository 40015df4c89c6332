from datetime import date, datetime, timezone

import pytest

from actions.calls.format import call_detail, call_line, format_date, format_eur, numbered_line
from actions.calls.schema import BRUSSELS, Call

NBSP = "\u00a0"


def make(**changes):
    base = dict(
        id="vl-2026-arbeidsmarkt",
        title="Kansen voor nieuwkomers op de arbeidsmarkt",
        authority="europa-wse",
        themes=["integratie"],
        audience=["vzw"],
        opens="2026-01-15",
        deadline="2026-03-31",
        budget_eur=1200000,
        url="https://example.org/oproep",
        summary="Projecten rond werk",
    )
    base.update(changes)
    return Call.parse_obj(base)


LINK = "[Kansen voor nieuwkomers op de arbeidsmarkt](https://example.org/oproep)"


@pytest.mark.parametrize(
    "value, expected",
    [
        (date(2026, 3, 31), "31 maart 2026"),
        (date(2026, 1, 1), "1 januari 2026"),
        (datetime(2023, 5, 16, 17, 0, tzinfo=BRUSSELS), "16 mei 2023 om 17:00"),
        (datetime(2023, 5, 16, 15, 0, tzinfo=timezone.utc), "16 mei 2023 om 17:00"),
        (datetime(2026, 3, 31, 23, 59, 59, tzinfo=BRUSSELS), "31 maart 2026"),
        (datetime(2026, 3, 31, 0, 0, tzinfo=BRUSSELS), "31 maart 2026 om 00:00"),  # the day begins: closed
        (datetime(2016, 11, 10, 9, 5), "10 november 2016 om 09:05"),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(
    "amount, expected",
    [
        (1200000, f"€{NBSP}1.200.000"),
        (2500000.0, f"€{NBSP}2.500.000"),
        (1012500.5, f"€{NBSP}1.012.500,50"),
        (0, f"€{NBSP}0"),
        (999, f"€{NBSP}999"),
    ],
)
def test_format_eur_is_babel_nl_be_with_no_break_space(amount, expected):
    assert format_eur(amount) == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 3, 1), f"{LINK} — Europa WSE, deadline 31 maart 2026"),
        (date(2026, 1, 1), f"{LINK} — Europa WSE, opent op 15 januari 2026"),
        (date(2026, 4, 1), f"{LINK} — Europa WSE, afgesloten op 31 maart 2026"),
    ],
)
def test_call_line(day, expected):
    assert call_line(make(), day) == expected


def test_call_line_other_authority_and_time():
    line = call_line(make(authority="pod-mi", deadline="2026-03-31 17:00"), date(2026, 3, 1))
    assert line.endswith("— POD Maatschappelijke Integratie, deadline 31 maart 2026 om 17:00")


def test_call_line_keeps_markdown_link_intact():
    line = call_line(make(title="Oproep [test]", url="https://example.org/a_(b)"), date(2026, 3, 1))
    assert line.startswith("[Oproep (test)](https://example.org/a_%28b%29) — ")


def test_numbered_line():
    assert numbered_line(make(), date(2026, 3, 1), 3) == f"3. {LINK} — Europa WSE, deadline 31 maart 2026"


OPEN, UPCOMING, CLOSED = date(2026, 3, 1), date(2026, 1, 1), date(2026, 4, 1)


@pytest.mark.parametrize(
    "day, field, expected",
    [
        (OPEN, "deadline", f"De deadline van {LINK} is 31 maart 2026."),
        (UPCOMING, "deadline", f"{LINK} opent op 15 januari 2026; de deadline is 31 maart 2026."),
        (CLOSED, "deadline", f"{LINK} is afgesloten: de deadline was 31 maart 2026."),
        (OPEN, "opens", f"{LINK} is open sinds 15 januari 2026; de deadline is 31 maart 2026."),
        (UPCOMING, "opens", f"{LINK} opent op 15 januari 2026; de deadline is 31 maart 2026."),
        (CLOSED, "opens", f"{LINK} is afgesloten: de deadline was 31 maart 2026."),
        (OPEN, "budget", f"Het budget van {LINK} is €{NBSP}1.200.000."),
        (
            CLOSED,
            "budget",
            f"Het budget van {LINK} was €{NBSP}1.200.000. Let op: deze oproep is afgesloten sinds 31 maart 2026.",
        ),
        (OPEN, "link", f"Alle informatie staat op de pagina van de oproep: {LINK}."),
        (
            OPEN,
            None,
            f"{LINK} (Europa WSE) is open; de deadline is 31 maart 2026. Projecten rond werk. Budget: €{NBSP}1.200.000.",
        ),
        (
            CLOSED,
            None,
            f"{LINK} (Europa WSE) is afgesloten: de deadline was 31 maart 2026. Projecten rond werk. Budget: €{NBSP}1.200.000.",
        ),
    ],
)
def test_call_detail(day, field, expected):
    assert call_detail(make(), day, field).text() == expected


def test_call_detail_without_budget_or_summary():
    call = make(budget_eur=None, summary=None)
    assert call_detail(call, OPEN, "budget").text().startswith(f"Voor {LINK} staat geen budget in onze lijst")
    assert (
        call_detail(call, UPCOMING).text()
        == f"{LINK} (Europa WSE) opent op 15 januari 2026; de deadline is 31 maart 2026."
    )


def test_call_detail_unknown_field():
    with pytest.raises(ValueError, match="unknown field 'bedrag'"):
        call_detail(make(), OPEN, "bedrag")
