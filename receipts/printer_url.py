"""Printer URLs (`none`, `usb://`, `file://`, `serial://`, `tcp://`, `win32://`, each with
`profile=` and `width=`), parsed into what the transport and the job need."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from gerai.core.errors import GeraiError

SCHEMES = ("none", "usb", "file", "serial", "tcp", "win32")
DEFAULT_PROFILE = "POS-5890"
DEFAULT_TCP_PORT = 9100
DEFAULT_TIMEOUT_S = 5.0
PAPER_WIDTHS = {"58": 32, "80": 48}  # characters per line of a roll's usual font


@dataclass(frozen=True)
class PrinterTarget:
    """A parsed printer URL."""

    url: str
    scheme: str
    target: str = ""
    port: int = DEFAULT_TCP_PORT
    profile: str = DEFAULT_PROFILE
    chosen_width: int | None = None
    timeout: float = DEFAULT_TIMEOUT_S
    options: dict[str, str] = field(default_factory=dict)

    @property
    def width(self) -> int:
        """Characters per line: `width=` if given, else the profile's (python-escpos's
        capability data, loaded on first use: it takes ~0.2 s, so never at start-up)."""
        return self.chosen_width or profile_width(self.profile, self.url)

    @property
    def enabled(self) -> bool:
        """False for `none`: receipts are stored but not printed."""
        return self.scheme != "none"


def parse_printer_url(url: str) -> PrinterTarget:
    """Parse and check a printer URL; GeraiError says what is accepted."""
    text = url.strip()
    if text.lower() in ("", "none"):
        return PrinterTarget(url="none", scheme="none")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise GeraiError("printer.bad_url", url=text, schemes=", ".join(f"{s}://" for s in SCHEMES))
    options = dict(parse_qsl(parts.query))
    profile = options.pop("profile", DEFAULT_PROFILE)
    width_text = options.pop("width", "")
    if width_text and not (width_text.isdigit() and 24 <= int(width_text) <= 64):
        raise GeraiError("printer.bad_width", width=width_text)
    width = int(width_text) if width_text else None
    timeout_text = options.pop("timeout", "")
    try:
        timeout = float(timeout_text) if timeout_text else DEFAULT_TIMEOUT_S
    except ValueError:
        timeout = -1.0
    if not 0.1 <= timeout <= 120:
        raise GeraiError("printer.bad_timeout", timeout=timeout_text)
    if options.get("status", "1") not in ("0", "1"):
        raise GeraiError("printer.bad_url", url=text, schemes="tcp://HOST:9100?status=0")
    target = unquote(parts.netloc + parts.path) if scheme in ("file", "serial") else parts.netloc
    port = DEFAULT_TCP_PORT
    if scheme == "tcp":
        if not parts.hostname:
            raise GeraiError("printer.bad_url", url=text, schemes="tcp://HOST:9100")
        try:
            port = parts.port or DEFAULT_TCP_PORT
        except ValueError as exc:
            raise GeraiError("printer.bad_url", url=text, schemes="tcp://HOST:9100") from exc
        target = parts.hostname
    if scheme == "usb" and not _usb_ids(target):
        raise GeraiError("printer.bad_url", url=text, schemes="usb://VENDOR:PRODUCT (lsusb)")
    if not target:
        raise GeraiError("printer.bad_url", url=text, schemes=", ".join(f"{s}://" for s in SCHEMES))
    return PrinterTarget(text, scheme, target, port, profile, width, timeout, options)


def _usb_ids(target: str) -> tuple[int, int] | None:
    vendor, _, product = target.partition(":")
    try:
        return int(vendor, 16), int(product, 16)
    except ValueError:
        return None


def usb_ids(target: PrinterTarget) -> tuple[int, int]:
    """Vendor and product id of a `usb://VVVV:PPPP` printer."""
    ids = _usb_ids(target.target)
    assert ids is not None
    return ids


@cache
def profile_width(profile: str, url: str) -> int:
    """Characters per line of a python-escpos profile; GeraiError for an unknown profile."""
    from escpos.capabilities import CAPABILITIES, get_profile

    if profile not in CAPABILITIES["profiles"]:
        raise GeraiError("printer.bad_profile", profile=profile, url=url)
    return int(get_profile(profile).get_columns("a"))


def setup_printer_url(url: str, paper: str, profile: str) -> str:
    """The printer URL a setup saves for a URL typed or picked, its paper (58 or 80 mm: its
    width in characters) and its escpos profile; checked as the till parses it (an unknown
    profile refused)."""
    text = url.strip()
    if text.lower() in ("", "none"):
        return "none"
    if paper.strip() not in PAPER_WIDTHS:
        raise GeraiError("printer.bad_paper", value=paper.strip(), accepted=", ".join(PAPER_WIDTHS))
    parts = urlsplit(text)
    query = dict(parse_qsl(parts.query)) | {"width": str(PAPER_WIDTHS[paper.strip()])}
    if profile.strip():
        query["profile"] = profile.strip()
    chosen = urlunsplit(parts._replace(query=urlencode(query)))
    target = parse_printer_url(chosen)
    profile_width(target.profile, chosen)
    return chosen
