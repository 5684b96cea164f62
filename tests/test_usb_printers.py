"""Issue 13, printer setup: the USB printers plugged in (pyusb devices faked), the udev rule
and the command that installs it when a printer is there but not permitted."""

from __future__ import annotations

from typing import Any

import pytest
import usb.core
import usb.util
from click.testing import CliRunner

from gerai.cli import main
from receipts import usb_printers
from receipts.usb_printers import describe, udev_rule


class FakeInterface:
    def __init__(self, cls: int) -> None:
        self.bInterfaceClass = cls


class FakeDevice:
    def __init__(self, vendor: int, product: int, cls: int, *, permitted: bool = True) -> None:
        self.idVendor, self.idProduct = vendor, product
        self.bDeviceClass = 0
        self.iManufacturer, self.iProduct = 1, 2
        self.permitted = permitted
        self.interfaces = [FakeInterface(cls)]

    def __iter__(self) -> Any:
        return iter([self.interfaces])


def fake_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    def get_string(device: FakeDevice, index: int) -> str:
        if not device.permitted:
            raise usb.core.USBError("Access denied (insufficient permissions)")
        return {1: "Winbond", 2: "POS58 Printer"}[index]

    monkeypatch.setattr(usb.util, "get_string", get_string)


def test_only_printers_are_listed_with_their_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_strings(monkeypatch)
    found = describe([FakeDevice(0x0416, 0x5011, 7), FakeDevice(0x046D, 0xC52B, 3)])
    assert [(p.ids, p.maker, p.name, p.permitted) for p in found] == [
        ("0416:5011", "Winbond", "POS58 Printer", True)
    ]
    assert found[0].url == "usb://0416:5011"


def test_a_printer_not_permitted_says_how_to_permit_it(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_strings(monkeypatch)
    device = FakeDevice(0x0416, 0x5011, 7, permitted=False)
    monkeypatch.setattr(usb_printers, "list_usb_printers", lambda: describe([device]))
    done = CliRunner().invoke(main, ["printer", "list"])
    assert done.exit_code == 0, done.output
    assert "0416:5011" in done.output
    assert "belum diizinkan" in done.output
    assert udev_rule(0x0416, 0x5011) in done.output
    assert "udevadm control --reload-rules" in done.output


def test_no_printer_plugged_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usb_printers, "list_usb_printers", lambda: [])
    done = CliRunner().invoke(main, ["printer", "list"])
    assert done.exit_code == 0
    assert "Tidak ada printer USB" in done.output


def test_udev_rule_command() -> None:
    done = CliRunner().invoke(main, ["printer", "udev-rule", "0416:5011"])
    assert done.exit_code == 0
    assert 'ATTRS{idVendor}=="0416", ATTRS{idProduct}=="5011"' in done.output
    assert "sudo tee /etc/udev/rules.d/99-gerai-printer.rules" in done.output


@pytest.mark.parametrize("ids", ["0416", "zz:5011", "0416:123456"])
def test_udev_rule_refuses_bad_ids(ids: str) -> None:
    done = CliRunner().invoke(main, ["printer", "udev-rule", ids])
    assert done.exit_code == 2
    assert "Traceback" not in done.output
