"""Every setting is read in one place (amif/settings.py) and documented in .env.example,
with the same defaults."""

from pathlib import Path

from amif.settings import Settings, exports

ROOT = Path(__file__).resolve().parents[2]


def documented() -> dict:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip().strip('"')
    return values


def test_env_example_names_every_setting_and_only_those():
    assert set(documented()) == {name.upper() for name in Settings.__fields__}


def test_env_example_shows_the_defaults(monkeypatch):
    for name in documented():
        monkeypatch.delenv(name, raising=False)
    defaults = exports()
    for name, value in documented().items():
        if value:  # an empty value in .env.example means "not set": a derived default
            assert defaults[name] in (value, f"{value}.0"), (name, value, defaults[name])


def test_derived_defaults_follow_the_ports(monkeypatch):
    monkeypatch.setenv("DEMO_PORT", "8180")
    monkeypatch.setenv("ACTION_PORT", "5155")
    monkeypatch.delenv("ALLOWED_ORIGINS", raising=False)
    monkeypatch.delenv("AMIF_ACTION_ENDPOINT_URL", raising=False)
    values = exports()
    assert values["ALLOWED_ORIGINS"] == "http://localhost:8180"
    assert values["AMIF_ACTION_ENDPOINT_URL"] == "http://localhost:5155/webhook"
