"""Reading the audit trail a page at a time, newest first, for the audit screen: filtered by
user, kind and business day (permission `audit`: a bendahara or admin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import Permission
from gerai.models import AUDIT_RECORD
from gerai.services.audit.trail import AuditRow
from gerai.services.shop.auth import Actor, authorize
from gerai.services.shop.profile import ShopProfile


@dataclass(frozen=True)
class AuditFilter:
    """Which records to show: one user's, one kind's, one business day's (empty: all)."""

    actor: str = ""
    kind: str = ""
    day: date | None = None


def parse_day(text: str) -> date | None:
    """A day typed as `30-11-2025` or `2025-11-30`; None for nothing typed."""
    raw = text.strip()
    if not raw:
        return None
    parts = raw.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        first, month, last = map(int, parts)
        day, year = (last, first) if len(parts[0]) == 4 else (first, last)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise GeraiError("audit.bad_day", value=raw)


def _conditions(filters: AuditFilter, shop: ShopProfile) -> list[Any]:
    where = []
    if filters.actor:
        where.append(AUDIT_RECORD.c.actor == filters.actor)
    if filters.kind:
        where.append(AUDIT_RECORD.c.kind == filters.kind)
    if filters.day is not None:
        start = datetime.combine(filters.day, time(), tzinfo=shop.zone)
        end = datetime.combine(filters.day + timedelta(days=1), time(), tzinfo=shop.zone)
        where += [AUDIT_RECORD.c.created_at >= start, AUDIT_RECORD.c.created_at < end]
    return where


def audit_page(
    session: Session,
    actor: Actor,
    filters: AuditFilter,
    shop: ShopProfile,
    *,
    now: datetime,
    limit: int,
    older_than: int | None = None,
    newer_than: int | None = None,
) -> list[AuditRow]:
    """Up to `limit` records of the filter, newest first: the newest ones, or those just
    older than sequence `older_than`, or just newer than `newer_than`."""
    authorize(session, actor, Permission.AUDIT, now=now)
    columns = [AUDIT_RECORD.c[name] for name in AuditRow.__dataclass_fields__]
    query = select(*columns).where(*_conditions(filters, shop)).limit(limit)
    if newer_than is not None:
        rows = session.connection().execute(
            query.where(AUDIT_RECORD.c.seq > newer_than).order_by(AUDIT_RECORD.c.seq)
        )
        return [AuditRow(*row) for row in reversed(rows.all())]
    if older_than is not None:
        query = query.where(AUDIT_RECORD.c.seq < older_than)
    rows = session.connection().execute(query.order_by(AUDIT_RECORD.c.seq.desc()))
    return [AuditRow(*row) for row in rows]


def audit_choices(session: Session) -> tuple[list[str], list[str]]:
    """The users and the kinds that occur in the trail, sorted, for the filters."""
    connection = session.connection()
    actors = connection.execute(select(AUDIT_RECORD.c.actor).distinct()).scalars()
    kinds = connection.execute(select(AUDIT_RECORD.c.kind).distinct()).scalars()
    return sorted(actors), sorted(kinds)
