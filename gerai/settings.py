"""Settings of this till: command-line option, then environment variable, then the TOML
settings file, then the default. Shop-wide settings live in the database (`services.shop`)."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gerai.core.errors import GeraiError
from gerai.core.i18n import LANGUAGES
from gerai.files import write_atomically
from gerai.paths import default_config_path, default_db_path

TILL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


@dataclass(frozen=True)
class Settings:
    """What this till runs with."""

    db_url: str
    printer: str = "none"
    lang: str = "id"
    till: str = "K1"
    kick_drawer: bool = False
    logo: str = ""
    backup_dir: str = ""  # "" = `backups` beside the database
    auto_backup: bool = True  # the copies at a day's first start and at each shift close
    backup_mirror: str = ""  # a second folder (a USB stick); "" = none
    config: str = ""  # the settings file read ("" = the default path)

    @property
    def config_path(self) -> Path:
        """The settings file this till reads (and the setup writes)."""
        return Path(self.config) if self.config else default_config_path()


DB_BACKENDS = ("sqlite", "postgresql")


def db_url_from(value: str) -> str:
    """A SQLAlchemy URL from either a URL or a path to a SQLite file; GeraiError for a URL
    of a database gerai does not run on."""
    if "://" in value:
        scheme = value.split("://", 1)[0]
        backend = scheme.split("+", 1)[0].lower()
        if backend in ("mysql", "mariadb"):
            raise GeraiError("db.mysql")
        if backend not in DB_BACKENDS:
            raise GeraiError("db.bad_scheme", scheme=scheme)
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def load_settings(
    db: str | None = None,
    config: str | None = None,
    printer: str | None = None,
    lang: str | None = None,
) -> Settings:
    """Resolve the settings; raises GeraiError for an unreadable file or a bad value."""
    config_path = Path(config or os.environ.get("GERAI_CONFIG") or default_config_path())
    explicit = bool(config or os.environ.get("GERAI_CONFIG"))
    values: dict[str, object] = {}
    if config_path.exists():
        try:
            values = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise GeraiError("config.unreadable", path=str(config_path), reason=str(exc)) from exc
    elif explicit:
        raise GeraiError("config.missing", path=str(config_path))

    def pick(cli: str | None, env: str, key: str, default: str) -> str:
        value = cli or os.environ.get(env) or values.get(key) or default
        if isinstance(value, bool):
            value = str(value).lower()
        if not isinstance(value, str):
            raise GeraiError("config.bad_value", key=key, path=str(config_path))
        return value

    chosen_lang = pick(lang, "GERAI_LANG", "lang", "id")
    if chosen_lang not in LANGUAGES:
        raise GeraiError("config.bad_lang", lang=chosen_lang)
    till = check_till_id(pick(None, "GERAI_TILL", "till", "K1"))
    kick = pick(None, "GERAI_KICK_DRAWER", "kick_drawer", "false").lower()
    auto = pick(None, "GERAI_AUTO_BACKUP", "auto_backup", "true").lower()
    for key, value in (("kick_drawer", kick), ("auto_backup", auto)):
        if value not in ("0", "1", "true", "false"):
            raise GeraiError("config.bad_value", key=key, path=str(config_path))
    return Settings(
        db_url=db_url_from(pick(db, "GERAI_DB", "db", str(default_db_path()))),
        printer=pick(printer, "GERAI_PRINTER", "printer", "none"),
        lang=chosen_lang,
        till=till,
        kick_drawer=kick in ("1", "true"),
        logo=pick(None, "GERAI_LOGO", "logo", ""),
        backup_dir=pick(None, "GERAI_BACKUP_DIR", "backup_dir", ""),
        auto_backup=auto in ("1", "true"),
        backup_mirror=pick(None, "GERAI_BACKUP_MIRROR", "backup_mirror", ""),
        config=str(config_path),
    )


def check_till_id(value: str) -> str:
    """A till's id (1 to 6 letters A-Z or digits, upper-cased); GeraiError otherwise."""
    till = value.strip().upper()
    if not 1 <= len(till) <= 6 or not set(till) <= TILL_CHARS:
        raise GeraiError("config.bad_till", till=till)
    return till


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def write_settings_file(path: Path, changes: Mapping[str, object]) -> Callable[[], None]:
    """Set `changes` (till settings such as `till`, `printer`) in the TOML settings file at
    `path`, keeping its other settings; the file is replaced whole. Returns what puts the
    file back as it was (for a transaction that fails after it)."""
    try:
        before = path.read_bytes() if path.exists() else None
        values = tomllib.loads(before.decode("utf-8")) if before is not None else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GeraiError("config.unreadable", path=str(path), reason=str(exc)) from exc
    values.update(changes)
    text = "".join(f"{key} = {_toml_value(value)}\n" for key, value in values.items())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc
    write_atomically(path, text.encode("utf-8"))

    def undo() -> None:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, before)

    return undo
