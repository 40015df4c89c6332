"""Every setting of the AMIF-assistent, read in one place: environment variables (see
.env.example, which tests/python/test_settings.py checks against this class), with the
defaults of the single-machine set-up of `make run`.

Python code reads ``settings()``; the shell scripts and Rasa's ``${VAR}`` expansion in
endpoints.yml get the same defaults from ``python -m amif.settings --export`` (scripts/rasa,
scripts/run.sh), so no default is written twice.
"""

from __future__ import annotations

import shlex
import sys
from datetime import date
from pathlib import Path
from typing import Dict, Literal, Optional

from pydantic import BaseSettings, Field, validator

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    # --- ports and web (first: the defaults below are derived from them)
    rasa_port: int = 5005
    action_port: int = 5055
    demo_port: int = 8080
    # --- conversations and locks (endpoints.yml)
    amif_db_url: str = Field("sqlite:///runtime/amif.db", description="SQLAlchemy URL of the conversation database")
    amif_lock_store: Literal["in_memory", "redis"] = "in_memory"
    amif_redis_host: str = "localhost"
    amif_redis_port: int = 6379
    amif_redis_db: int = 1
    amif_redis_password: str = ""
    # --- action server
    amif_action_endpoint_url: str = ""  # empty: the action server of run.sh on ACTION_PORT
    amif_action_timeout_s: float = Field(2.0, gt=0)
    # --- web
    allowed_origins: str = ""  # empty: the demo site, http://localhost:DEMO_PORT
    demo_host: str = "0.0.0.0"
    demo_bot_url: str = ""  # empty: http://localhost:RASA_PORT
    # --- model and content
    amif_model: str = "models/amif-assistent.tar.gz"
    amif_calls_file: str = "calls/calls.yml"
    amif_today: Optional[date] = None  # empty: the real date in Belgium
    # --- scale-out topology on this machine (scripts/scaleout.sh)
    scaleout_dir: str = "runtime/scaleout"
    scaleout_pg_port: int = 55432
    scaleout_redis_port: int = 56379
    scaleout_action_port: int = 5655
    scaleout_rasa_ports: str = "5605 5606"
    scaleout_db_password: str = "amif"
    scaleout_redis_password: str = "amif-scaleout"
    # --- set-up only
    nl_core_news_sm_wheel: str = ""
    amif_skip_spacy_download: str = ""
    # --- security
    rasa_auth_token: str = ""
    # --- upgrades: start even when Rasa is not the version rasa_extensions/ was tested with
    amif_allow_untested_rasa: bool = False

    class Config:
        case_sensitive = False

    @validator("amif_today", pre=True)
    def _empty_today_is_none(cls, value):
        return None if value in ("", None) else value

    @validator("amif_action_endpoint_url", always=True)
    def _default_endpoint(cls, value, values):
        return value or f"http://localhost:{values.get('action_port', 5055)}/webhook"

    @validator("allowed_origins", always=True)
    def _default_origins(cls, value, values):
        return value or f"http://localhost:{values.get('demo_port', 8080)}"

    @validator("demo_bot_url", always=True)
    def _default_bot_url(cls, value, values):
        return value or f"http://localhost:{values.get('rasa_port', 5005)}"

    @property
    def calls_file(self) -> Path:
        path = Path(self.amif_calls_file)
        return path if path.is_absolute() else ROOT / path

    @property
    def origins(self) -> list:
        """The allowed browser origins, without trailing slashes."""
        return [o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()]


def settings() -> Settings:
    """The settings of this process, read from the environment now (tests change it)."""
    return Settings()


def exports() -> Dict[str, str]:
    """NAME=value for every setting, defaults filled in: for the shell scripts and Rasa's
    ${VAR} expansion in endpoints.yml (which fails on an unset variable)."""

    def shell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return {name.upper(): shell(value) for name, value in settings().dict().items()}


def main(argv: list) -> int:
    if argv[1:] == ["--export"]:
        print("\n".join(f"export {name}={shlex.quote(value)}" for name, value in exports().items()))
        return 0
    print("usage: python -m amif.settings --export", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
