"""Dates and times as the shop reads them: `30-11-2025`, `14.32 WITA`."""

from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Zoned(Protocol):
    """Anything that knows the shop's time zone and its label (the shop's profile does)."""

    @property
    def zone(self) -> ZoneInfo: ...

    @property
    def zone_label(self) -> str: ...


def format_date(day: date) -> str:
    """`30-11-2025`."""
    return f"{day:%d-%m-%Y}"


def format_time(moment: datetime, shop: Zoned) -> str:
    """`14.32 WITA`, in the shop's time zone."""
    local = moment.astimezone(shop.zone)
    return f"{local:%H.%M} {shop.zone_label}"


def format_moment(moment: datetime, shop: Zoned) -> str:
    """`30-11-2025 14.32 WITA`, in the shop's time zone."""
    return f"{format_date(moment.astimezone(shop.zone).date())} {format_time(moment, shop)}"
