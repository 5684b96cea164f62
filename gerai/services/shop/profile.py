"""Shop-wide settings kept in the database, shared by every till: name, address, time zone,
the global member discount, whether stock may go negative, the simpanan pokok and the monthly
simpanan wajib, the cash rounding (pembulatan)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select as core_select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.money import CASH_ROUNDINGS
from gerai.core.text import check_text
from gerai.core.words import AuditKind, Permission, ReferenceRule
from gerai.models import SHOP_SETTING, ShopSetting
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.prepared import Prepared
from gerai.services.shop.auth import SYSTEM, Actor, authorize
from gerai.services.shop.provinces import PROVINCE_ZONES, province_named

ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
ZONE_BY_LABEL = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


@dataclass(frozen=True)
class ShopProfile:
    """The shop's settings with their defaults."""

    name: str = "Gerai Koperasi Merah Putih"
    koperasi: str = ""  # the koperasi's own name, e.g. "Koperasi Desa Merah Putih Bontoa"
    address: str = ""  # the street (jalan, nomor)
    desa: str = ""  # desa or kelurahan
    kecamatan: str = ""
    kabupaten: str = ""  # kabupaten or kota
    provinsi: str = ""
    phone: str = ""
    badan_hukum: str = ""  # nomor badan hukum of the koperasi
    nib: str = ""  # Nomor Induk Berusaha (OSS), 13 digits
    header: str = ""  # lines printed under the shop's name on a receipt
    timezone: str = "Asia/Jakarta"
    het_zone: int = 1
    member_discount_bp: int = 0
    allow_negative_stock: bool = False
    footer: str = "Terima kasih. Simpan struk ini sebagai bukti pembayaran."
    pkp: bool = False
    npwp: str = ""
    ppn_rate_bp: int = 1100
    savings_pokok: int = 50_000
    savings_wajib: int = 10_000
    day_end_hour: int = 0  # the local hour a business day ends: 0 midnight, 2 at 02.00
    cash_rounding: int = 0  # pembulatan of the cash due: 0 none, 100 or 500 Rupiah
    # whether a QRIS or transfer payment's reference is asked: off, optional, required
    payment_reference: str = ReferenceRule.OFF

    @property
    def zone(self) -> ZoneInfo:
        """The shop's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def printed_address(self) -> str:
        """The address as slips print it: the street, then the desa/kelurahan, kecamatan,
        kabupaten/kota and provinsi given."""
        place = ", ".join(
            p for p in (self.desa, self.kecamatan, self.kabupaten, self.provinsi) if p
        )
        return ", ".join(part for part in (self.address, place) if part)

    @property
    def zone_label(self) -> str:
        """`WIB`, `WITA` or `WIT` (else the zone's own name)."""
        return ZONE_NAMES.get(self.timezone, self.timezone)

    def business_date(self, moment: datetime) -> date:
        """The business day a moment belongs to: its local calendar day, a moment before
        `day_end_hour` o'clock counting to the day before (a shop open past midnight)."""
        return (moment.astimezone(self.zone) - timedelta(hours=self.day_end_hour)).date()


def _coerce(name: str, kind: type, raw: str) -> object:
    if kind is bool:
        if raw.lower() not in ("1", "0", "true", "false"):
            raise GeraiError("shop.bad_setting", key=name, value=raw)
        return raw.lower() in ("1", "true")
    if kind is int:
        try:
            return int(raw)
        except ValueError as exc:
            raise GeraiError("shop.bad_setting", key=name, value=raw) from exc
    return raw


_TYPES = {"bool": bool, "int": int, "str": str}


_STORED = Prepared(
    core_select(SHOP_SETTING.c.key, SHOP_SETTING.c.value).order_by(SHOP_SETTING.c.key)
)


def load_shop(session: Session) -> ShopProfile:
    """Read the shop's settings from the database, defaults for any not set. Every call reads
    the stored rows (one small query), so a change by any till, or earlier in this
    transaction, is seen at once; only turning the rows into a profile is cached, keyed on
    the rows themselves."""
    session.flush()  # a setting changed in this session is read as changed
    return _profile_of(tuple(_STORED.rows(session)))


@lru_cache(maxsize=8)
def _profile_of(stored_rows: tuple[tuple[str, str], ...]) -> ShopProfile:
    stored = dict(stored_rows)
    values = {
        f.name: _coerce(f.name, _TYPES[str(f.type)], stored[f.name])
        for f in fields(ShopProfile)
        if f.name in stored
    }
    return ShopProfile(**values)  # type: ignore[arg-type]


def save_shop_settings(
    session: Session, actor: Actor, *, now: datetime, **values: object
) -> ShopProfile:
    """Change some shop settings (admins: permission `settings`), audited with each changed
    setting before and after; returns the resulting profile."""
    authorize(session, actor, Permission.SETTINGS, now=now)
    before = asdict(load_shop(session))
    profile = store_shop_settings(session, by=actor.name, at=now, **values)
    changed = {
        key: [before[key], value]
        for key, value in asdict(profile).items()
        if key in values and before[key] != value
    }
    if changed:
        audit.record(
            session, kind=AuditKind.SETTINGS_CHANGED, actor=actor.name, at=now, detail=changed
        )
    return profile


def audit_till_settings(
    session: Session, actor: Actor, *, now: datetime, till: str, changed: dict[str, list[str]]
) -> None:
    """Audit a till's own settings (its settings file: `till`, `printer`) changed by `actor`,
    each with its value before and after; the record's ref names the till."""
    if changed:
        audit.record(
            session, kind=AuditKind.SETTINGS_CHANGED, actor=actor.name, at=now,
            ref=f"till {till}", detail=changed,
        )  # fmt: skip


MULTILINE_SETTINGS = ("address", "header", "footer")  # printed on receipts as several lines


LATEST_DAY_END = 6  # a business day ends between midnight and 06.00
NPWP_DIGITS = (15, 16)  # the old 15-digit NPWP and the 16-digit one (the NIK)
NIB_DIGITS = 13


def _check_profile(profile: ShopProfile) -> None:
    """The rules across settings: a shop has a name, an NPWP has 15 or 16 digits, a PKP
    has an NPWP, an NIB has 13 digits, the provinsi is one of Indonesia's."""
    if not profile.name.strip():
        raise GeraiError("shop.name_empty")
    digits = "".join(ch for ch in profile.npwp if ch.isdigit())
    if profile.npwp and (
        len(digits) not in NPWP_DIGITS or any(ch not in "0123456789.- " for ch in profile.npwp)
    ):
        raise GeraiError("shop.npwp_bad", value=profile.npwp)
    if profile.pkp and not profile.npwp:
        raise GeraiError("shop.pkp_without_npwp")
    if profile.nib and not (profile.nib.isdigit() and len(profile.nib) == NIB_DIGITS):
        raise GeraiError("shop.nib_bad", value=profile.nib, digits=NIB_DIGITS)
    if profile.provinsi and province_named(profile.provinsi) != profile.provinsi:
        raise GeraiError("shop.provinsi_unknown", value=profile.provinsi)
    if profile.cash_rounding not in CASH_ROUNDINGS:
        raise GeraiError("shop.bad_rounding", value=profile.cash_rounding)
    if profile.payment_reference not in tuple(ReferenceRule):
        raise GeraiError(
            "shop.bad_setting", key="payment_reference", value=profile.payment_reference
        )
    if not 0 <= profile.day_end_hour <= LATEST_DAY_END:
        raise GeraiError("shop.bad_day_end", value=profile.day_end_hour, latest=LATEST_DAY_END)


def _stored_values(values: dict[str, object]) -> dict[str, str]:
    """Each setting as it is stored, checked on its own (known, its type, its text; a time
    zone one of Indonesia's four, WIB/WITA/WIT accepted). A provinsi given without a time
    zone brings its own (WIB, WITA or WIT); one given with a time zone keeps that one (an
    override)."""
    known = {f.name: _TYPES[str(f.type)] for f in fields(ShopProfile)}
    values = dict(values)
    if "provinsi" in values:
        province = province_named(str(values["provinsi"]))
        if province is None and str(values["provinsi"]).strip():
            raise GeraiError("shop.provinsi_unknown", value=values["provinsi"])
        values["provinsi"] = province or ""
        if province and "timezone" not in values:
            values["timezone"] = PROVINCE_ZONES[province]
    stored = {}
    for key, value in values.items():
        if key not in known:
            raise GeraiError("shop.unknown_setting", key=key)
        raw = str(int(value)) if isinstance(value, bool) else str(value)
        check_text(raw, lines=key in MULTILINE_SETTINGS)
        _coerce(key, known[key], raw)
        if key == "timezone":
            raw = ZONE_BY_LABEL.get(raw.upper(), raw)
            if raw not in ZONE_NAMES:  # Indonesia's four zones only
                raise GeraiError("shop.bad_setting", key=key, value=raw)
            try:
                ZoneInfo(raw)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise GeraiError("shop.bad_setting", key=key, value=raw) from exc
        stored[key] = raw
    return stored


def check_shop_settings(current: ShopProfile, values: dict[str, object]) -> ShopProfile:
    """The profile `current` would become with `values`, checked as storing them checks
    them (each one, then together), writing nothing: a form's step before it is saved."""
    known = {f.name: _TYPES[str(f.type)] for f in fields(ShopProfile)}
    stored = _stored_values(values)
    coerced = {key: _coerce(key, known[key], raw) for key, raw in stored.items()}
    profile = replace(current, **coerced)  # type: ignore[arg-type]
    _check_profile(profile)
    return profile


def store_shop_settings(
    session: Session, *, by: str = SYSTEM.name, at: datetime | None = None, **values: object
) -> ShopProfile:
    """Store some shop settings (validated, each one and then together, as
    `check_shop_settings`), sealed (by `by`, at `at`, by default now), and return the
    resulting profile; no permission check and no audit record of a person's: for the demo
    loader, which sets up a new shop."""
    stored = _stored_values(values)
    for key, raw in stored.items():
        session.merge(ShopSetting(key=key, value=raw))
    session.flush()
    seal(session, SHOP_SETTING, stored, actor=by, at=at or datetime.now(UTC))
    profile = load_shop(session)
    _check_profile(profile)
    return profile


def shop_is_named(session: Session) -> bool:
    """True once the shop's name is stored (a new shop's setup has been done)."""
    return session.get(ShopSetting, "name") is not None
