"""Settings, read once from the environment (see docs/configuration.md)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DEFAULT_SECRET_KEY = "change-me-this-is-the-development-secret"
LANGUAGES = ("vi", "en", "fr")
# "test" makes argon2 nearly free, for the test suite only (a sign-in costs ~0.1 s otherwise).
PASSWORD_HASH_COSTS = ("default", "test")
PACKAGE_DIR = Path(__file__).resolve().parent


def _template_root() -> Path:
    # An installed wheel carries the templates inside the package; a source checkout keeps
    # them at the top of the repository, where the people who adapt wording look for them.
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


class ConfigurationError(RuntimeError):
    """The environment describes a deployment that must not start."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    secret_key: str
    data_dir: Path
    template_dir: Path | None
    default_language: str
    production: bool
    base_url: str
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_sender: str = "labour-democracy@localhost"
    soffice: str | None = None
    login_attempts: int = 5
    login_first_delay_seconds: int = 30
    login_max_delay_minutes: int = 15
    sqlite_pool_size: int = 4
    postgres_pool_size: int = 10
    password_hash_cost: str = "default"
    html_templates: Path = field(default_factory=_template_root)

    @property
    def document_templates(self) -> Path:
        return self.html_templates / "documents"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path:
        """`sqlite:///relative/or/absolute.db`; the bare `sqlite://` means the data dir."""
        path = self.database_url.removeprefix("sqlite://").removeprefix("/")
        if not path:
            return self.data_dir / "labour-democracy.sqlite3"
        return Path("/" + path) if self.database_url.startswith("sqlite:////") else Path(path)

    def key(self, purpose: str) -> bytes:
        """A 32-byte key derived from the secret, one per purpose, so no two uses share a key."""
        return hashlib.blake2b(
            self.secret_key.encode(), key=purpose.encode()[:64], digest_size=32
        ).digest()

    def check(self) -> None:
        if self.production and self.secret_key == DEFAULT_SECRET_KEY:
            raise ConfigurationError(
                "LD_SECRET_KEY is the development default; set a long random secret before "
                "running with LD_PRODUCTION=1."
            )
        if self.default_language not in LANGUAGES:
            raise ConfigurationError(
                f"LD_DEFAULT_LANGUAGE must be one of {', '.join(LANGUAGES)}, "
                f"not {self.default_language!r}."
            )
        if self.password_hash_cost not in PASSWORD_HASH_COSTS:
            raise ConfigurationError(
                f"LD_PASSWORD_HASH_COST must be one of {', '.join(PASSWORD_HASH_COSTS)}, "
                f"not {self.password_hash_cost!r}."
            )
        if self.production and self.password_hash_cost != "default":
            raise ConfigurationError(
                "LD_PASSWORD_HASH_COST=test makes passwords cheap to guess; it is for the test "
                "suite only and refused with LD_PRODUCTION=1."
            )
        if not (self.is_sqlite or self.database_url.startswith(("postgres://", "postgresql://"))):
            raise ConfigurationError("LD_DATABASE_URL must start with sqlite:// or postgresql://.")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def served_base_url(host: str, port: int) -> str:
    """The address of `serve --host H --port P` when LD_BASE_URL is not set: what QR codes and
    links print by default. A wildcard host (all interfaces) prints the loopback address, which
    the pages that print codes warn about when opened from elsewhere."""
    shown = "127.0.0.1" if host in {"", "0.0.0.0", "::"} else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"  # an IPv6 address in a URL
    return f"http://{shown}:{port}"


def _optional_path(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    return Path(value) if value else None


@cache
def get_settings() -> Settings:
    data_dir = Path(os.environ.get("LD_DATA_DIR", "data")).resolve()
    settings = Settings(
        database_url=os.environ.get("LD_DATABASE_URL", "sqlite://"),
        secret_key=os.environ.get("LD_SECRET_KEY", DEFAULT_SECRET_KEY),
        data_dir=data_dir,
        template_dir=_optional_path("LD_TEMPLATE_DIR"),
        default_language=os.environ.get("LD_DEFAULT_LANGUAGE", "vi"),
        production=_flag("LD_PRODUCTION"),
        base_url=os.environ.get("LD_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        smtp_host=os.environ.get("LD_SMTP_HOST") or None,
        smtp_port=int(os.environ.get("LD_SMTP_PORT", "587")),
        smtp_user=os.environ.get("LD_SMTP_USER") or None,
        smtp_password=os.environ.get("LD_SMTP_PASSWORD") or None,
        smtp_sender=os.environ.get("LD_SMTP_SENDER", "labour-democracy@localhost"),
        soffice=os.environ.get("LD_SOFFICE") or None,
        login_attempts=int(os.environ.get("LD_LOGIN_ATTEMPTS", "5")),
        login_first_delay_seconds=int(os.environ.get("LD_LOGIN_FIRST_DELAY_SECONDS", "30")),
        login_max_delay_minutes=int(os.environ.get("LD_LOGIN_MAX_DELAY_MINUTES", "15")),
        sqlite_pool_size=int(os.environ.get("LD_SQLITE_POOL_SIZE", "4")),
        postgres_pool_size=int(os.environ.get("LD_POSTGRES_POOL_SIZE", "10")),
        password_hash_cost=os.environ.get("LD_PASSWORD_HASH_COST", "").strip() or "default",
    )
    settings.check()
    return settings
