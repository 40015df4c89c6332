from datetime import date, datetime, timedelta, timezone

import pytest
import yaml
from pydantic import ValidationError

from actions.calls.schema import BRUSSELS, Call, CallsFile, describe_errors

ISSUE_EXAMPLE = """
calls:
  - id: vl-2026-arbeidsmarkt          # unique slug
    title: "Kansen voor nieuwkomers op de arbeidsmarkt"
    authority: europa-wse
    themes: [integratie, tewerkstelling]
    audience: [lokale besturen, vzw]
    opens: 2026-01-15
    deadline: 2026-03-31
    budget_eur: 2500000
    url: https://example.org/oproep
    summary: "Een zin."
    source: https://example.org/bron
"""


def entry(**changes):
    base = dict(
        id="vl-2026-x",
        title="Titel",
        authority="europa-wse",
        themes=["integratie"],
        audience=["vzw"],
        opens="2026-01-15",
        deadline="2026-03-31",
        url="https://example.org/x",
    )
    base.update(changes)
    return base


def errors_for(*entries):
    raw = {"calls": list(entries)}
    with pytest.raises(ValidationError) as info:
        CallsFile.parse_obj(raw)
    return describe_errors(info.value, raw)


def test_issue_example_loads_with_plain_date_deadline_at_end_of_day():
    call = CallsFile.parse_obj(yaml.safe_load(ISSUE_EXAMPLE)).calls[0]
    assert call.id == "vl-2026-arbeidsmarkt"
    assert call.opens == date(2026, 1, 15)
    assert call.deadline == datetime(2026, 3, 31, 23, 59, 59, tzinfo=BRUSSELS)
    assert call.deadline.tzinfo == BRUSSELS
    assert call.budget_eur == 2500000
    assert call.themes == ["integratie", "tewerkstelling"]
    assert str(call.source) == "https://example.org/bron"


def test_deadline_with_time_is_kept_as_brussels_time():
    assert Call.parse_obj(entry(deadline="2026-03-31 17:00")).deadline == datetime(2026, 3, 31, 17, 0, tzinfo=BRUSSELS)
    utc = datetime(2026, 3, 31, 15, 0, tzinfo=timezone.utc)  # 17:00 in Brussels (summer time)
    deadline = Call.parse_obj(entry(deadline=utc)).deadline
    assert (deadline.hour, deadline.utcoffset()) == (17, timedelta(hours=2))


def test_audience_and_themes_are_normalised():
    call = Call.parse_obj(
        entry(
            audience=["gemeente", "OCMW", "vereniging", "Vluchtelingenwerk"],
            themes=["werk", "inburgering", "integratie"],
        )
    )
    assert call.audience == ["lokale besturen", "vzw", "Vluchtelingenwerk"]
    assert call.themes == ["tewerkstelling", "integratie"]


def test_optional_fields_may_be_left_out():
    call = Call.parse_obj(entry())
    assert (call.budget_eur, call.summary, call.source) == (None, None, None)


@pytest.mark.parametrize(
    "changes, expected",
    [
        (dict(deadline="2026-01-01"), "oproep 'vl-2026-x': deadline: 2026-01-01 ligt vóór opens (2026-01-15)"),
        (dict(authority="vdab"), "oproep 'vl-2026-x': authority: onbekende instantie 'vdab'; gekend: europa-wse"),
        (dict(url="example.org/x"), "oproep 'vl-2026-x': url: geen volledige URL (begin met https://)"),
        (dict(url="ftp://example.org/x"), "oproep 'vl-2026-x': url: geen http- of https-URL"),
        (dict(budget_eur=-5), "oproep 'vl-2026-x': budget_eur: moet minstens 0 zijn"),
        (dict(themes=["gezondheidszorg"]), "oproep 'vl-2026-x': themes: onbekend thema 'gezondheidszorg'"),
        (
            dict(deadline="31/03/2026"),
            "oproep 'vl-2026-x': deadline: geen datum (JJJJ-MM-DD) of datum met uur (JJJJ-MM-DD UU:MM)",
        ),
        (dict(id="VL 2026"), "oproep 'VL 2026': id: gebruik kleine letters, cijfers en koppeltekens"),
        (dict(deadline=None), "oproep 'vl-2026-x': deadline: mag niet leeg zijn"),
    ],
)
def test_errors_name_call_id_and_field(changes, expected):
    lines = errors_for(entry(**changes))
    assert len(lines) == 1
    assert lines[0].startswith(expected), lines[0]


def test_missing_field_and_missing_id():
    bad = entry()
    del bad["deadline"]
    no_id = entry()
    del no_id["id"]
    assert errors_for(bad, no_id) == [
        "oproep 'vl-2026-x': deadline: dit veld ontbreekt",
        "oproep 2 (zonder id): id: dit veld ontbreekt",
    ]


def test_duplicate_ids_are_reported_on_the_id_field():
    lines = errors_for(entry(), entry(id="vl-2026-y"), entry())
    assert lines == ["oproep 'vl-2026-x': id: door meer dan één oproep gebruikt (items 1 en 3)"]


def test_entry_that_is_not_a_mapping():
    assert errors_for("just text") == ["oproep 1 (zonder id): item: value is not a valid dict"]


def test_calls_are_read_only():
    call = Call.parse_obj(entry())
    with pytest.raises(TypeError):
        call.title = "other"
