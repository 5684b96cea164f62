"""Sending a finished job's bytes to the printer, always with a timeout. A network printer
is asked for its status first (`DLE EOT`), so a jammed, offline or paper-out printer is
reported instead of silently swallowing the receipt; one whose URL says `status=0` (a LAN
printer that does not answer status queries) is sent the job without asking. Failures raise
GeraiError."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

from gerai.core.errors import GeraiError
from receipts.printer_url import PrinterTarget, usb_ids

STATUS_PRINTER = b"\x10\x04\x01"
STATUS_PAPER = b"\x10\x04\x04"
OFFLINE_BIT = 0x08
PAPER_END_BITS = 0x60


def send(target: PrinterTarget, data: bytes) -> GeraiError | None:
    """Deliver `data` to the printer, or raise GeraiError saying why it could not. Once the
    printer took the bytes the job is delivered: a bad status read afterwards (paper-out after
    accepting) is returned as a warning, never raised, so the job is not sent again."""
    timeout = target.timeout
    if not target.enabled:
        raise GeraiError("printer.none")
    if target.scheme == "tcp":
        return _send_tcp(target, data, timeout)
    _with_timeout(lambda: _send_device(target, data, timeout), timeout, target)
    return None


def _send_tcp(target: PrinterTarget, data: bytes, timeout: float) -> GeraiError | None:
    where = f"{target.target}:{target.port}"
    try:
        with socket.create_connection((target.target, target.port), timeout=timeout) as conn:
            conn.settimeout(timeout)
            asks = target.options.get("status", "1") != "0"
            if asks:
                _check_status(conn, where)
            conn.sendall(data)
            if not asks:
                return None
            try:
                _check_status(conn, where)
            except GeraiError as after:
                return after
            except OSError as exc:
                return GeraiError(
                    "printer.unreachable", where=where, reason=exc.strerror or str(exc)
                )
            return None
    except ConnectionRefusedError as exc:
        raise GeraiError("printer.refused", where=where) from exc
    except TimeoutError as exc:
        raise GeraiError("printer.timeout", where=where) from exc
    except OSError as exc:
        raise GeraiError(
            "printer.unreachable", where=where, reason=exc.strerror or str(exc)
        ) from exc


def _check_status(conn: socket.socket, where: str) -> None:
    for query, bad, key in (
        (STATUS_PRINTER, OFFLINE_BIT, "printer.offline"),
        (STATUS_PAPER, PAPER_END_BITS, "printer.paper_out"),
    ):
        conn.sendall(query)
        reply = conn.recv(1)
        if not reply:
            raise GeraiError("printer.unreachable", where=where, reason="closed")
        if reply[0] & bad:
            raise GeraiError(key, where=where)


def _send_device(target: PrinterTarget, data: bytes, timeout: float) -> None:
    if target.scheme == "file":
        with open(target.target, "wb", buffering=0) as device:
            device.write(data)
        return
    from escpos import printer

    if target.scheme == "usb":
        vendor, product = usb_ids(target)
        device = printer.Usb(
            idVendor=vendor,
            idProduct=product,
            timeout=int(timeout * 1000),
            in_ep=int(target.options.get("in_ep", "0x82"), 16),
            out_ep=int(target.options.get("out_ep", "0x01"), 16),
            profile=target.profile,
        )
    elif target.scheme == "serial":
        device = printer.Serial(
            devfile=target.target,
            baudrate=int(target.options.get("baudrate", "9600")),
            timeout=timeout,
            profile=target.profile,
        )
    else:
        device = printer.Win32Raw(printer_name=target.target, profile=target.profile)
    device.open()
    try:
        device._raw(data)
    finally:
        device.close()


def _with_timeout(action: Callable[[], None], timeout: float, target: PrinterTarget) -> None:
    """Run a device write in a helper thread so a printer that never answers cannot hang us."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:  # handed back to the caller below
            outcome.append(exc)

    worker = threading.Thread(target=run, name="gerai-printer", daemon=True)
    worker.start()
    worker.join(timeout + 1)
    if not outcome:
        raise GeraiError("printer.timeout", where=target.url)
    error = outcome[0]
    if error is None:
        return
    if isinstance(error, GeraiError):
        raise error
    raise _explain(error, target) from error


def _explain(error: BaseException, target: PrinterTarget) -> GeraiError:
    name = type(error).__name__
    if isinstance(error, FileNotFoundError) or name in ("DeviceNotFoundError", "USBNotFoundError"):
        return GeraiError("printer.missing", where=target.url)
    if isinstance(error, PermissionError) or "Access denied" in str(error):
        return GeraiError("printer.permission", where=target.url)
    if name == "NoBackendError":
        return GeraiError("printer.no_libusb")
    if isinstance(error, ImportError):
        return GeraiError("printer.unsupported", where=target.url, reason=str(error))
    return GeraiError("printer.unreachable", where=target.url, reason=str(error) or name)
