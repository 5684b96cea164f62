"""Backups that happen by themselves, and putting one back.

At every shift close and at the first start of a day gerai copies the SQLite database (SQLite's
online backup API: the tills keep selling) into the backups folder: `daily/NAME-YYYY-MM-DD.db`
(the day's latest) and `monthly/NAME-YYYY-MM.db` (the month's latest), keeping the newest 14
daily and 12 monthly copies. A second folder (a USB stick) gets the same copies when it is
there; when it is not, the backup goes on without it and says so. A restore checks the file
first (a whole SQLite file, a gerai database this version knows, its audit chain intact), keeps
the file it replaces, and refuses while a till has the database open (each running gerai holds
a shared lock on `NAME.db.lock`; the restore needs it alone)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.db_copy import backup_sqlite
from gerai.services.audit.verify import verify
from gerai.settings import Settings

DAILY_KEPT, MONTHLY_KEPT = 14, 12


@dataclass
class BackupReport:
    """What a backup wrote, and what it had to skip (a missing second folder)."""

    written: list[Path] = field(default_factory=list)
    warnings: list[GeraiError] = field(default_factory=list)


@dataclass(frozen=True)
class BackupFile:
    """A backup kept in a folder."""

    path: Path
    kind: str  # daily or monthly
    size: int
    taken: datetime


def folders(database: Database, settings: Settings) -> tuple[Path, Path | None]:
    """The backups folder (the setting `backup_dir`, default `backups` beside the database)
    and the second folder (`backup_mirror`), if any."""
    assert database.path is not None
    main = Path(settings.backup_dir).expanduser() if settings.backup_dir else None
    mirror = Path(settings.backup_mirror).expanduser() if settings.backup_mirror else None
    return main or database.path.parent / "backups", mirror


def auto_backup(
    database: Database, settings: Settings, day: date, *, first_of_day: bool = False
) -> BackupReport:
    """Copy the database as the copies of `day` and of its month (only when the day has no
    copy yet, with `first_of_day`), into the backups folder and the second folder; prune the
    oldest. A PostgreSQL database is left to pg_dump: nothing is done. GeraiError when the
    backups folder cannot be written; a second folder that cannot is a warning."""
    report = BackupReport()
    if database.path is None:
        return report
    main, mirror = folders(database, settings)
    stem = database.path.stem
    daily = main / "daily" / f"{stem}-{day:%Y-%m-%d}.db"
    if first_of_day and daily.exists():
        return report
    monthly = main / "monthly" / f"{stem}-{day:%Y-%m}.db"
    _make_folders(daily.parent, monthly.parent)
    backup_sqlite(database, daily)
    _copy(daily, monthly)
    report.written += [daily, monthly]
    _prune(main, stem)
    if mirror is not None:
        try:
            if not mirror.is_dir():
                raise GeraiError("backups.mirror_absent", path=str(mirror))
            for source in (daily, monthly):
                target = mirror / source.parent.name / source.name
                _make_folders(target.parent)
                _copy(source, target)
                report.written.append(target)
            _prune(mirror, stem)
        except GeraiError as error:
            report.warnings.append(error)
    return report


def check_backup_folder(answer: str) -> str:
    """A backups folder as typed, made when missing and written to once (a file made and
    removed): GeraiError when it cannot be. "" (the default, `backups` beside the database)
    stays ""."""
    if not answer.strip():
        return ""
    folder = Path(answer.strip()).expanduser()
    _make_folders(folder)
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".gerai-probe-")
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(folder), reason=exc.strerror) from exc
    return str(folder)


def _make_folders(*paths: Path) -> None:
    for path in paths:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc


def _copy(source: Path, target: Path) -> None:
    """A copy that appears whole or not at all (mode 0600, as the backup)."""
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".gerai-backup-")
        os.close(handle)
        shutil.copyfile(source, temp)
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(target), reason=exc.strerror) from exc


def _prune(folder: Path, stem: str) -> None:
    for kind, kept in (("daily", DAILY_KEPT), ("monthly", MONTHLY_KEPT)):
        copies = sorted((folder / kind).glob(f"{stem}-*.db"))
        for old in copies[:-kept]:
            old.unlink(missing_ok=True)


def list_backups(database: Database, settings: Settings) -> list[BackupFile]:
    """Every kept copy of the database in the backups folder and the second folder, newest
    first within each folder."""
    if database.path is None:
        raise GeraiError("backup.postgresql", url=database.url)
    found = []
    for folder in folders(database, settings):
        if folder is None:
            continue
        for kind in ("daily", "monthly"):
            for path in sorted((folder / kind).glob(f"{database.path.stem}-*.db"), reverse=True):
                stat = path.stat()
                taken = datetime.fromtimestamp(stat.st_mtime).astimezone()
                found.append(BackupFile(path, kind, stat.st_size, taken))
    return found


@contextmanager
def holding(database: Database) -> Iterator[None]:
    """Hold the database open for a running gerai (a shared lock a restore must not find)."""
    if database.path is None:
        yield
        return
    with _lock(database.path, exclusive=False):
        yield


@contextmanager
def _lock(path: Path, *, exclusive: bool) -> Iterator[None]:
    """A lock on `NAME.db.lock`: shared (a running gerai) or exclusive without waiting (a
    restore; GeraiError when a gerai holds it). No locking where the OS has no flock."""
    try:
        import fcntl
    except ImportError:  # Windows: one till per file is the rule there
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+b") as handle:
        mode = fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(handle, mode)
        except BlockingIOError as exc:
            raise GeraiError("backups.in_use", path=str(path)) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def restore(database: Database, backup: Path, stamp: str) -> Path:
    """Put `backup` in the database's place after checking it (upgraded to this version's
    schema when older); the replaced file is kept beside it as `NAME-replaced-STAMP.db`, which
    is returned. Refused, with nothing changed, for a file that is not a whole gerai database
    with an intact audit chain, or while a gerai has the database open."""
    if database.path is None:
        raise GeraiError("backup.postgresql", url=database.url)
    target = database.path
    with _lock(target, exclusive=True), tempfile.TemporaryDirectory(dir=target.parent) as work:
        candidate = Path(work) / "restore.db"
        _checked_copy(backup, candidate)
        replaced = target.with_name(f"{target.stem}-replaced-{stamp}{target.suffix or '.db'}")
        database.dispose()
        if target.exists():
            with closing(sqlite3.connect(target)) as old:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            os.replace(target, replaced)
        for extra in ("-wal", "-shm"):
            Path(f"{target}{extra}").unlink(missing_ok=True)
        os.replace(candidate, target)
    return replaced


def _checked_copy(backup: Path, candidate: Path) -> None:
    """Copy `backup` to `candidate` and prove it: integrity, a gerai database (upgraded to
    this version), the audit chain."""
    if not backup.is_file():
        raise GeraiError("backups.not_found", path=str(backup))
    try:
        shutil.copyfile(backup, candidate)  # the backup itself is never opened, nor changed
        with closing(sqlite3.connect(candidate)) as copy:
            (check,) = copy.execute("PRAGMA integrity_check").fetchone()
    except OSError as exc:
        raise GeraiError("io.cannot_read", path=str(backup), reason=exc.strerror) from exc
    except sqlite3.DatabaseError as exc:
        raise GeraiError("backups.damaged", path=str(backup), detail=str(exc)) from exc
    if check != "ok":
        raise GeraiError("backups.damaged", path=str(backup), detail=check)
    checked = Database(f"sqlite:///{candidate}")
    try:
        if checked.revision() is None:
            raise GeraiError("backups.not_gerai", path=str(backup))
        checked.upgrade()
        with checked.read() as session:
            result = verify(session)
        if result.broken is not None:
            raise GeraiError("backups.audit_broken", path=str(backup))
    finally:
        checked.dispose()
