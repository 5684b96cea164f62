"""Issue 13: a LAN printer that does not answer status queries still prints when its URL says
`status=0`; without it, the silence is reported as a timeout (the default asks)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from gerai.core.errors import GeraiError
from receipts.printer_url import parse_printer_url
from receipts.transport import send


@pytest.fixture
def mute_printer() -> Iterator[tuple[int, list[bytes]]]:
    """A raw-TCP printer that reads everything and never answers."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(5)
    received: list[bytes] = []

    def serve() -> None:
        for _ in range(2):
            try:
                conn, _address = server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                data = bytearray()
                while True:
                    try:
                        chunk = conn.recv(4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    data += chunk
                received.append(bytes(data))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    server.close()
    thread.join(timeout=10)


def test_status_zero_prints_on_a_mute_printer(mute_printer: tuple[int, list[bytes]]) -> None:
    port, received = mute_printer
    send(parse_printer_url(f"tcp://127.0.0.1:{port}?status=0&timeout=1"), b"STRUK\n")
    for _ in range(50):
        if received:
            break
        threading.Event().wait(0.1)
    assert received == [b"STRUK\n"]


def test_without_status_zero_a_mute_printer_times_out(
    mute_printer: tuple[int, list[bytes]],
) -> None:
    port, _received = mute_printer
    with pytest.raises(GeraiError) as caught:
        send(parse_printer_url(f"tcp://127.0.0.1:{port}?timeout=0.5"), b"STRUK\n")
    assert caught.value.key == "printer.timeout"


@pytest.mark.parametrize("value", ["2", "ya"])
def test_a_bad_status_option_is_refused(value: str) -> None:
    with pytest.raises(GeraiError) as caught:
        parse_printer_url(f"tcp://127.0.0.1:9100?status={value}")
    assert caught.value.key == "printer.bad_url"
