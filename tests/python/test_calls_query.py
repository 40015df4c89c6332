from datetime import date, datetime

import pytest

from actions.calls.query import CallFilter, open_calls, paginate, status, today, upcoming_calls
from actions.calls.schema import BRUSSELS, Call


def make(id, opens, deadline, authority="europa-wse", themes=("integratie",), audience=("vzw",), title=None):
    return Call.parse_obj(
        dict(
            id=id,
            title=title or f"Oproep {id}",
            authority=authority,
            themes=list(themes),
            audience=list(audience),
            opens=opens,
            deadline=deadline,
            url=f"https://example.org/{id}",
        )
    )


DAY = date(2026, 3, 1)
CALLS = [
    make("vl-werk", "2026-01-15", "2026-03-31", themes=["tewerkstelling"], audience=["gemeente"]),
    make("vl-taal", "2026-02-01", "2026-03-10 17:00", themes=["integratie"], audience=["vzw"]),
    make("fod-opvang", "2026-02-01", "2026-04-30", authority="fod-binnenlandse-zaken", themes=["opvang"]),
    make("podmi-ocmw", "2026-01-01", "2026-05-31", authority="pod-mi", audience=["OCMW"]),
    make("fse-emploi", "2026-02-01", "2026-06-30", authority="agence-fse", themes=["tewerkstelling"]),
    make("ec-local", "2026-02-15", "2026-03-20", authority="europese-commissie", audience=["lokale besturen", "vzw"]),
    make("vl-later", "2026-04-01", "2026-06-30"),
    make("vl-soon", "2026-03-15", "2026-05-01", themes=["tewerkstelling"]),
    make("vl-old", "2025-01-01", "2025-02-28"),
]


def ids(calls):
    return [c.id for c in calls]


def test_today_override_and_real_date(monkeypatch):
    monkeypatch.setenv("AMIF_TODAY", "2026-03-01")
    assert today() == date(2026, 3, 1)
    monkeypatch.setenv("AMIF_TODAY", "1 maart")
    with pytest.raises(ValueError, match="AMIF_TODAY='1 maart' is not a date of the form YYYY-MM-DD"):
        today()
    monkeypatch.delenv("AMIF_TODAY")
    assert today() == datetime.now(BRUSSELS).date()


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 1, 14), "upcoming"),
        (date(2026, 1, 15), "open"),  # opening day
        (date(2026, 3, 31), "open"),  # deadline day
        (date(2026, 4, 1), "closed"),
    ],
)
def test_status_boundaries(day, expected):
    assert status(CALLS[0], day) == expected


def test_open_calls_soonest_deadline_first():
    assert ids(open_calls(CALLS, DAY)) == ["vl-taal", "ec-local", "vl-werk", "fod-opvang", "podmi-ocmw", "fse-emploi"]


def test_upcoming_calls_soonest_opening_first():
    assert ids(upcoming_calls(CALLS, DAY)) == ["vl-soon", "vl-later"]


@pytest.mark.parametrize(
    "words, expected",
    [
        (dict(region="in Vlaanderen"), ["vl-taal", "vl-werk"]),
        (dict(region="federaal"), ["fod-opvang", "podmi-ocmw"]),
        (dict(region="Europese oproepen"), ["ec-local"]),
        (dict(region="Wallonië"), ["fse-emploi"]),
        (dict(region="Brussel Franstalig"), ["fse-emploi"]),
        (dict(region="Brussel"), ["vl-taal", "vl-werk", "fse-emploi"]),
        (dict(authority="ESF Vlaanderen"), ["vl-taal", "vl-werk"]),
        (dict(theme="werk"), ["vl-werk", "fse-emploi"]),
        (dict(audience="voor lokale besturen"), ["ec-local", "vl-werk", "podmi-ocmw"]),
        (dict(audience="als vzw"), ["vl-taal", "ec-local", "fod-opvang", "fse-emploi"]),
        (dict(theme="tewerkstelling", region="Vlaanderen"), ["vl-werk"]),
        (dict(theme="integratie", region="federaal", audience="OCMW"), ["podmi-ocmw"]),
        (dict(region="federaal", authority="POD MI"), ["podmi-ocmw"]),
        (dict(region="Vlaanderen", authority="POD MI"), []),
    ],
)
def test_filters_alone_and_combined(words, expected):
    assert ids(open_calls(CALLS, DAY, CallFilter.from_words(**words))) == expected


def test_filter_keeps_unrecognised_words():
    flt = CallFilter.from_words(theme="gezondheidszorg", region="Vlaanderen")
    assert flt.theme is None and flt.authorities == {"europa-wse"}
    assert flt.unrecognised == ("gezondheidszorg",)
    assert CallFilter.from_words() == CallFilter()


def test_upcoming_with_filter():
    assert ids(upcoming_calls(CALLS, DAY, CallFilter.from_words(theme="arbeidsmarkt"))) == ["vl-soon"]


def test_paginate():
    items = list(range(12))
    first = paginate(items, 1)
    assert (first.items, first.pages, first.total, first.has_more) == ([0, 1, 2, 3, 4], 3, 12, True)
    last = paginate(items, 3)
    assert (last.items, last.has_more) == ([10, 11], False)
    assert paginate(items, 4).items == []
    assert paginate([], 1).pages == 1 and not paginate([], 1).has_more
    with pytest.raises(ValueError):
        paginate(items, 0)


def test_call_without_opening_date_is_open_until_its_deadline_never_upcoming():
    from actions.calls.schema import Call

    call = Call(
        id="x",
        title="Oude oproep",
        authority="europa-wse",
        themes=["integratie"],
        audience=[],
        deadline="2023-11-30",
        url="https://www.europawse.be",
    )
    assert call.opens is None
    assert status(call, date(2020, 1, 1)) == "open"
    assert status(call, date(2023, 11, 30)) == "open"
    assert status(call, date(2023, 12, 1)) == "closed"


def test_a_deadline_at_midnight_closes_as_the_day_begins():
    midnight = Call.parse_obj(
        dict(
            id="vl-m",
            title="Oproep m",
            authority="europa-wse",
            themes=["integratie"],
            audience=[],
            opens="2026-01-01",
            deadline="2026-03-31 00:00",
            url="https://example.org/m",
        )
    )
    assert status(midnight, date(2026, 3, 30)) == "open"
    assert status(midnight, date(2026, 3, 31)) == "closed"
