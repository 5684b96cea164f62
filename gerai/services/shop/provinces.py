"""Indonesia's provinces and the time zone each one keeps (WIB, WITA or WIT): a new shop's
time zone follows from its provinsi."""

from __future__ import annotations

JAKARTA = "Asia/Jakarta"
PONTIANAK = "Asia/Pontianak"
MAKASSAR = "Asia/Makassar"
JAYAPURA = "Asia/Jayapura"

PROVINCE_ZONES: dict[str, str] = {
    "Aceh": JAKARTA,
    "Sumatera Utara": JAKARTA,
    "Sumatera Barat": JAKARTA,
    "Riau": JAKARTA,
    "Kepulauan Riau": JAKARTA,
    "Jambi": JAKARTA,
    "Sumatera Selatan": JAKARTA,
    "Kepulauan Bangka Belitung": JAKARTA,
    "Bengkulu": JAKARTA,
    "Lampung": JAKARTA,
    "DKI Jakarta": JAKARTA,
    "Jawa Barat": JAKARTA,
    "Banten": JAKARTA,
    "Jawa Tengah": JAKARTA,
    "DI Yogyakarta": JAKARTA,
    "Jawa Timur": JAKARTA,
    "Kalimantan Barat": PONTIANAK,
    "Kalimantan Tengah": PONTIANAK,
    "Bali": MAKASSAR,
    "Nusa Tenggara Barat": MAKASSAR,
    "Nusa Tenggara Timur": MAKASSAR,
    "Kalimantan Selatan": MAKASSAR,
    "Kalimantan Timur": MAKASSAR,
    "Kalimantan Utara": MAKASSAR,
    "Sulawesi Utara": MAKASSAR,
    "Gorontalo": MAKASSAR,
    "Sulawesi Tengah": MAKASSAR,
    "Sulawesi Barat": MAKASSAR,
    "Sulawesi Selatan": MAKASSAR,
    "Sulawesi Tenggara": MAKASSAR,
    "Maluku": JAYAPURA,
    "Maluku Utara": JAYAPURA,
    "Papua": JAYAPURA,
    "Papua Barat": JAYAPURA,
    "Papua Barat Daya": JAYAPURA,
    "Papua Tengah": JAYAPURA,
    "Papua Pegunungan": JAYAPURA,
    "Papua Selatan": JAYAPURA,
}


def province_named(name: str) -> str | None:
    """The province's proper name for `name` (case and spacing ignored), None if unknown."""
    wanted = " ".join(name.split()).casefold()
    for province in PROVINCE_ZONES:
        if province.casefold() == wanted:
            return province
    return None
