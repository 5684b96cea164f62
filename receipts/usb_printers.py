"""The USB printers plugged into this machine (pyusb), and the udev rule that lets the kasir's
user open one without root."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

PRINTER_CLASS = 7  # USB class 0x07: printer
UDEV_FILE = "/etc/udev/rules.d/99-gerai-printer.rules"


@dataclass(frozen=True)
class UsbPrinter:
    """One USB device of the printer class: ids, strings (empty when not permitted)."""

    vendor: int
    product: int
    maker: str
    name: str
    permitted: bool

    @property
    def ids(self) -> str:
        """`vvvv:pppp` as `lsusb` shows it."""
        return f"{self.vendor:04x}:{self.product:04x}"

    @property
    def url(self) -> str:
        """The printer URL for gerai (libusb)."""
        return f"usb://{self.ids}"


def _is_printer(device: Any) -> bool:
    if getattr(device, "bDeviceClass", 0) == PRINTER_CLASS:
        return True
    try:
        return any(
            interface.bInterfaceClass == PRINTER_CLASS for config in device for interface in config
        )
    except Exception:  # a device that cannot be read is not counted
        return False


def _string(device: Any, index: int) -> str | None:
    """A descriptor string, None when the device may not be opened (permission)."""
    if not index:
        return ""
    import usb.util

    try:
        return str(usb.util.get_string(device, index) or "")
    except (usb.core.USBError, ValueError, NotImplementedError):
        return None


def describe(devices: Iterable[Any]) -> list[UsbPrinter]:
    """The printer-class devices among pyusb `devices`."""
    found = []
    for device in devices:
        if not _is_printer(device):
            continue
        maker = _string(device, device.iManufacturer)
        name = _string(device, device.iProduct)
        found.append(
            UsbPrinter(
                vendor=device.idVendor,
                product=device.idProduct,
                maker=maker or "",
                name=name or "",
                permitted=maker is not None and name is not None,
            )
        )
    return found


def list_usb_printers() -> list[UsbPrinter]:
    """The USB printers plugged in now (none when libusb is missing)."""
    try:
        import usb.core

        devices = list(usb.core.find(find_all=True) or [])
    except Exception:  # no libusb backend: no USB printers to offer
        return []
    return describe(devices)


def udev_rule(vendor: int, product: int, group: str = "lp") -> str:
    """The udev rule that gives `group` the printer."""
    return (
        f'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{vendor:04x}", '
        f'ATTRS{{idProduct}}=="{product:04x}", MODE="0660", GROUP="{group}"'
    )


def udev_install_command(rule: str) -> str:
    """The shell command that installs `rule` and applies it."""
    return (
        f"echo '{rule}' | sudo tee {UDEV_FILE} && "
        "sudo udevadm control --reload-rules && sudo udevadm trigger"
    )
