"""A fake raw-TCP (port 9100 style) receipt printer on 127.0.0.1, for tests.

It records the bytes of every connection, answers real-time status queries ``DLE EOT n`` like
an Epson-compatible printer, and can be switched at any time between modes:

- ``"ok"``: reads everything, answers status queries with "all is well";
- ``"refuse"``: nothing listens on the port (connecting raises ConnectionRefusedError); going
  back to another mode listens again on the same port;
- ``"stall"``: accepts connections but never reads or answers (a jammed printer); connections
  accepted while stalled are never read and are closed when the mode changes;
- ``"paper_out"``: records bytes, answers status queries with the paper-end / offline bits;
- ``"paper_near_end"``: like ok, but the paper near-end sensor bits are set.

Like a real printer, status queries are answered wherever ``DLE EOT n`` appears in the stream
(real-time commands are executed even inside other commands' data).
All socket operations use timeouts and the server thread is a daemon joined on exit.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
import time
from types import TracebackType
from typing import Literal

Mode = Literal["ok", "refuse", "stall", "paper_out", "paper_near_end"]
MODES: tuple[Mode, ...] = ("ok", "refuse", "stall", "paper_out", "paper_near_end")

FIXED = 0x12  # bits 1 and 4 are always 1 in DLE EOT replies
OFFLINE = 0x08  # n=1: bit 3, printer offline
PAPER_END_STOP = 0x20  # n=2: bit 5, printing stopped by paper end
NEAR_END = 0x0C  # n=4: bits 2-3, paper roll near-end sensor
PAPER_END = 0x60  # n=4: bits 5-6, paper roll end sensor


def status_byte(mode: Mode, n: int) -> int:
    """The byte an Epson-compatible printer in ``mode`` answers to ``DLE EOT n``."""
    if mode == "paper_out":
        return FIXED | {1: OFFLINE, 2: PAPER_END_STOP, 3: 0, 4: PAPER_END}[n]
    if mode == "paper_near_end" and n == 4:
        return FIXED | NEAR_END
    return FIXED


class _Conn:
    """One accepted connection: its socket, the bytes read and a status-query scanner."""

    def __init__(self, sock: socket.socket, stalled: bool) -> None:
        self.sock = sock
        self.data = bytearray()
        self.stalled = stalled  # accepted while stalling: never read
        self.scanned = 0  # bytes of data already scanned for DLE EOT


class FakePrinter:
    """A raw-TCP receipt printer on 127.0.0.1; use as a context manager."""

    def __init__(
        self, mode: Mode = "ok", *, host: str = "127.0.0.1", port: int = 0, rcvbuf: int = 4096
    ) -> None:
        self._host = host
        self._port = port
        self._rcvbuf = rcvbuf  # a small input buffer, like a printer's
        self._mode: Mode = mode
        self._lock = threading.Condition()
        self._jobs: list[bytes] = []
        self._all = bytearray()
        self._connections = 0
        self._status_queries: list[int] = []
        self._listener: socket.socket | None = None
        self._conns: list[_Conn] = []
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.error: BaseException | None = None  # what killed the server thread, if anything
        self._generation = 0  # bumped by every mode change
        self._applied_generation = 0  # the last one the server thread applied
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.settimeout(1.0)

    # -- public API --------------------------------------------------------------------------
    @property
    def host(self) -> str:
        """The address it listens on."""
        return self._host

    @property
    def port(self) -> int:
        """The TCP port (fixed once started, kept across "refuse")."""
        return self._port

    @property
    def url(self) -> str:
        """The printer URL for the app: ``tcp://127.0.0.1:PORT``."""
        return f"tcp://{self._host}:{self._port}"

    @property
    def mode(self) -> Mode:
        """The current mode; setting it takes effect before the setter returns."""
        return self._mode

    @mode.setter
    def mode(self, mode: Mode) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")
        with self._lock:
            self._mode = mode
            self._generation += 1
            target = self._generation
            if self._thread is None or not self._thread.is_alive():
                return
        self._wake()
        with self._lock:
            if not self._lock.wait_for(lambda: self._applied_generation >= target, 2.0):
                raise TimeoutError("fake printer thread did not apply the mode change")

    @property
    def jobs(self) -> list[bytes]:
        """The bytes of every closed connection that sent something, in closing order."""
        with self._lock:
            return list(self._jobs)

    @property
    def all_bytes(self) -> bytes:
        """Every byte received so far, over all connections."""
        with self._lock:
            return bytes(self._all)

    @property
    def connections(self) -> int:
        """How many connections were accepted (including empty and stalled ones)."""
        with self._lock:
            return self._connections

    @property
    def status_queries(self) -> list[int]:
        """The ``n`` of every ``DLE EOT n`` answered."""
        with self._lock:
            return list(self._status_queries)

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        """Wait until ``count`` jobs have completed and return all jobs; TimeoutError if not."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self._jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(
                        f"fake printer got {len(self._jobs)} job(s), expected {count} "
                        f"within {timeout} s (mode {self._mode!r}, thread error {self.error!r})"
                    )
                self._lock.wait(left)
            return list(self._jobs)

    def clear(self) -> None:
        """Forget the recorded jobs, bytes and status queries."""
        with self._lock:
            self._jobs.clear()
            self._all.clear()
            self._status_queries.clear()

    def start(self) -> FakePrinter:
        """Start listening (unless in "refuse" mode) and serving in a daemon thread."""
        if self._mode != "refuse" or self._port == 0:
            self._open_listener()
        if self._mode == "refuse":
            self._close_listener()
        self._thread = threading.Thread(target=self._serve, name="fake-printer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every socket; returns within about a second."""
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(2.0)
        self._close_all()
        self._wake_r.close()
        self._wake_w.close()
        if self.error is not None:
            raise RuntimeError("the fake printer thread failed") from self.error

    def __enter__(self) -> FakePrinter:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- server thread -----------------------------------------------------------------------
    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")

    def _open_listener(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, self._rcvbuf)
            sock.bind((self._host, self._port))
            sock.listen(8)
        except OSError:
            sock.close()
            raise
        sock.setblocking(False)
        self._port = sock.getsockname()[1]
        self._listener = sock

    def _close_listener(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _close_all(self) -> None:
        self._close_listener()
        for conn in self._conns:
            conn.sock.close()
        self._conns.clear()

    def _apply_mode(self, mode: Mode) -> None:
        if mode == "refuse":
            self._close_listener()
        elif self._listener is None:
            self._open_listener()
        if mode != "stall":
            for conn in [c for c in self._conns if c.stalled]:
                conn.sock.close()
                self._conns.remove(conn)

    def _serve(self) -> None:
        with self._lock:
            self._applied_generation = self._generation
        try:
            while not self._stop.is_set():
                with self._lock:
                    mode, generation = self._mode, self._generation
                if generation != self._applied_generation:
                    try:
                        self._apply_mode(mode)
                    except OSError:  # port briefly taken: retry (the setter times out)
                        time.sleep(0.05)
                        continue
                    with self._lock:
                        self._applied_generation = generation
                        self._lock.notify_all()
                self._poll(mode)
        except BaseException as exc:
            self.error = exc
            raise
        finally:
            self._close_all()

    def _poll(self, mode: Mode) -> None:
        with selectors.DefaultSelector() as sel:
            sel.register(self._wake_r, selectors.EVENT_READ)
            if self._listener is not None:
                sel.register(self._listener, selectors.EVENT_READ)
            if mode != "stall":
                for conn in self._conns:
                    sel.register(conn.sock, selectors.EVENT_READ, conn)
            for key, _ in sel.select(timeout=0.1):
                if key.fileobj is self._wake_r:
                    with contextlib.suppress(OSError):
                        self._wake_r.recv(4096)
                elif key.fileobj is self._listener:
                    self._accept(mode)
                else:
                    self._read(key.data, mode)

    def _accept(self, mode: Mode) -> None:
        assert self._listener is not None
        try:
            sock, _ = self._listener.accept()
        except (BlockingIOError, OSError):
            return
        sock.settimeout(1.0)
        self._conns.append(_Conn(sock, stalled=mode == "stall"))
        with self._lock:
            self._connections += 1

    def _read(self, conn: _Conn, mode: Mode) -> None:
        try:
            chunk = conn.sock.recv(65536)
        except (TimeoutError, BlockingIOError):
            return
        except OSError:
            chunk = b""  # reset by peer: the job ends here
        if not chunk:
            self._conns.remove(conn)
            conn.sock.close()
            with self._lock:
                if conn.data:
                    self._jobs.append(bytes(conn.data))
                    self._lock.notify_all()
            return
        with self._lock:
            conn.data += chunk
            self._all += chunk
        self._answer_status(conn, mode)

    def _answer_status(self, conn: _Conn, mode: Mode) -> None:
        data = conn.data
        i = conn.scanned
        replies = bytearray()
        while True:
            j = data.find(b"\x10\x04", i)
            if j < 0:
                i = max(i, len(data) - 1)  # the last byte may start a query
                break
            if j + 2 >= len(data):
                i = j  # incomplete query: wait for more bytes
                break
            n = data[j + 2]
            if 1 <= n <= 4:
                replies.append(status_byte(mode, n))
                with self._lock:
                    self._status_queries.append(n)
                i = j + 3
            else:
                i = j + 2
        conn.scanned = i
        if replies:
            with contextlib.suppress(OSError):
                conn.sock.sendall(bytes(replies))
