"""The shop's settings as a form, shared by the first-run wizard and Pengaturan toko: the
fields in their groups, each a labelled row, and what is typed turned into the settings the
till checks and saves (the service's own validation: the form only reads its own words,
ya/tidak and percentages)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import parse_basis_points
from gerai.services.members.settings import format_percent
from gerai.services.shop.profile import ZONE_NAMES, ShopProfile
from gerai.services.shop.provinces import PROVINCE_ZONES, province_named
from gerai.tui.widgets.field import TextField


@dataclass(frozen=True)
class Field:
    """One field of a form: its key, its label's msgid, what it accepts as typed."""

    key: str
    label: str
    restrict: str | None = None
    max_length: int = 120
    password: bool = False


F = Field
SHOP_GROUPS: tuple[tuple[str, tuple[Field, ...]], ...] = (
    ("ui.setup.step_shop", (F("name", "ui.setup.name"), F("koperasi", "ui.setup.koperasi"))),
    (
        "ui.setup.step_address",
        (
            F("address", "ui.setup.address", max_length=200),
            F("desa", "ui.setup.desa"),
            F("kecamatan", "ui.setup.kecamatan"),
            F("kabupaten", "ui.setup.kabupaten"),
            F("provinsi", "ui.setup.provinsi", max_length=40),
            F("phone", "ui.setup.phone", max_length=30),
        ),
    ),
    (
        "ui.setup.step_legal",
        (
            F("badan_hukum", "ui.setup.badan_hukum", max_length=60),
            F("nib", "ui.setup.nib", max_length=20),
            F("npwp", "ui.setup.npwp", max_length=25),
            F("pkp", "ui.setup.pkp", max_length=6),
            F("ppn_rate", "ui.setup.ppn_rate", max_length=6),
        ),
    ),
    (
        "ui.setup.step_receipt",
        (
            F("timezone", "ui.setup.timezone", max_length=20),
            F("header", "ui.setup.header", max_length=200),
            F("footer", "ui.setup.footer", max_length=200),
        ),
    ),
    (
        "ui.setup.step_rules",
        (
            F("het_zone", "ui.setup.het_zone", restrict=r"[0-9]*", max_length=2),
            F("member_discount", "ui.setup.member_discount", max_length=6),
            F("allow_negative_stock", "ui.setup.negative_stock", max_length=6),
        ),
    ),
)
YES_NO = ("pkp", "allow_negative_stock")
PERCENTS = {"ppn_rate": "ppn_rate_bp", "member_discount": "member_discount_bp"}
YES = ("ya", "y", "yes", "1", "true")
NO = ("tidak", "t", "no", "n", "0", "false", "")
# the field a refusal is about, by its message key (else its `key` parameter)
ERROR_FIELDS = {
    "shop.name_empty": "name",
    "shop.npwp_bad": "npwp",
    "shop.pkp_without_npwp": "npwp",
    "shop.nib_bad": "nib",
    "shop.provinsi_unknown": "provinsi",
    "config.bad_till": "till",
    "auth.bad_name": "admin",
    "auth.pin_format": "pin",
    "users.pin_mismatch": "pin_again",
    "printer.bad_paper": "paper",
    "printer.bad_profile": "profile",
    "printer.bad_url": "printer",
    "printer.bad_width": "paper",
    "printer.bad_timeout": "printer",
}
SETTING_FIELDS = {setting: key for key, setting in PERCENTS.items()}


def field_row(field: Field, value: str) -> ComposeResult:
    """A labelled input of the form (`#f-KEY`)."""
    with Horizontal(classes="form-row"):
        yield Label(t(field.label), classes="form-label")
        yield TextField(
            value=value, id=f"f-{field.key}", max_length=field.max_length,
            restrict=field.restrict, password=field.password,
        )  # fmt: skip


def form_values(profile: ShopProfile) -> dict[str, str]:
    """The shop's settings as the form shows them."""
    shown: dict[str, str] = {}
    for _, group in SHOP_GROUPS:
        for field in group:
            if field.key in YES_NO:
                shown[field.key] = t(
                    "ui.setup.yes" if getattr(profile, field.key) else "ui.setup.no"
                )
            elif field.key in PERCENTS:
                shown[field.key] = format_percent(getattr(profile, PERCENTS[field.key]))
            elif field.key == "timezone":
                shown[field.key] = profile.zone_label
            else:
                shown[field.key] = str(getattr(profile, field.key))
    return shown


def _yes_no(text: str) -> str:
    word = text.strip().casefold()
    if word in YES or word == t("ui.setup.yes").casefold():
        return "1"
    if word in NO or word == t("ui.setup.no").casefold():
        return "0"
    return text.strip()  # the service says what is accepted


def shop_values(typed: dict[str, str]) -> dict[str, object]:
    """What is typed in the form's fields (by key) as shop settings for the till."""
    values: dict[str, object] = {}
    for key, text in typed.items():
        if key in YES_NO:
            values[key] = _yes_no(text)
        elif key in PERCENTS:
            try:
                values[PERCENTS[key]] = parse_basis_points(text or "0")
            except ValueError as exc:
                raise GeraiError("setup.bad_percent", value=text.strip(), field=key) from exc
        else:
            values[key] = text.strip()
    return values


def error_field(error: GeraiError) -> str:
    """The form field a refusal is about ("" when none)."""
    if error.key == "setup.bad_percent":
        return str(error.params.get("field", ""))
    if error.key in ERROR_FIELDS:
        return ERROR_FIELDS[error.key]
    key = str(error.params.get("key", ""))
    return SETTING_FIELDS.get(key, key)


def proposed_zone(provinsi: str) -> str | None:
    """WIB, WITA or WIT for a provinsi (None for one not known)."""
    province = province_named(provinsi)
    return None if province is None else ZONE_NAMES[PROVINCE_ZONES[province]]


def all_fields(groups: Iterable[tuple[str, tuple[Field, ...]]]) -> list[Field]:
    """The fields of `groups`, in order."""
    return [field for _, group in groups for field in group]
