"""Dates and times as the shop reads them: `30-11-2025`, `14.32 WITA`."""

from datetime import date, datetime

from gerai.services.shop.profile import ShopProfile


def format_date(day: date) -> str:
    """`30-11-2025`."""
    return f"{day:%d-%m-%Y}"


def format_time(moment: datetime, shop: ShopProfile) -> str:
    """`14.32 WITA`, in the shop's time zone."""
    local = moment.astimezone(shop.zone)
    return f"{local:%H.%M} {shop.zone_label}"


def format_moment(moment: datetime, shop: ShopProfile) -> str:
    """`30-11-2025 14.32 WITA`, in the shop's time zone."""
    return f"{format_date(moment.astimezone(shop.zone).date())} {format_time(moment, shop)}"
