"""One start-up of the TUI, run by `startup.py` as `python -c <this file's text> <database>`
in a fresh interpreter (never imported): opens the database, runs the app headless until the
scan field has focus, then prints `READY <epoch> <VmHWM kB> <VmRSS kB> <CPU s>` and exits."""

import asyncio
import resource
import sys
import time

from gerai.cli import Options, open_database

settings = Options(db=sys.argv[1], config=None, printer=None, lang=None).settings()
database = open_database(settings)
from gerai.tui.app import GeraiApp  # noqa: E402  (timed as part of the start-up)

app = GeraiApp(settings, database)


def memory_kb() -> tuple[int, int]:
    """Peak and current resident memory of this process in kB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    return found.get("VmHWM", 0), found.get("VmRSS", 0)


async def main() -> None:
    async with app.run_test(size=(120, 40)):
        deadline = time.monotonic() + 30
        while True:
            focused = app.focused
            if focused is not None and focused.id == "scan":
                break
            if time.monotonic() > deadline:
                print("TIMEOUT", flush=True)
                return
            await asyncio.sleep(0.001)
        ready = time.time()
        hwm, rss = memory_kb()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        print(f"READY {ready!r} {hwm} {rss} {cpu!r}", flush=True)
        app.exit()


asyncio.run(main())
