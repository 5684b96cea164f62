"""One start-up of the TUI, run by `startup.py` as `python -c <this file's text> <database>`
in a fresh interpreter (never imported): starts the app as `gerai` does (`kasir_app`: the
database opens behind the login screen `gerai` opens on), runs it headless until the login
screen's name field has focus, logs in as the demo kasir (typed at once: the keys wait for
the till in order) and waits for the scan field, then prints
`READY <epoch> <VmHWM kB> <VmRSS kB> <CPU s>` (the time and CPU at the login field, the
memory at the kasir screen) and exits."""

import asyncio
import resource
import sys
import time
from dataclasses import replace

from gerai.cli import Options, kasir_app

settings = replace(  # the bench measures the screens, not a copy of its 400 MB file
    Options(db=sys.argv[1], config=None, printer=None, lang=None).settings(), auto_backup=False
)


def memory_kb() -> tuple[int, int]:
    """Peak and current resident memory of this process in kB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    return found.get("VmHWM", 0), found.get("VmRSS", 0)


async def focus_on(field: str, deadline: float) -> bool:
    """Wait until the widget `field` has focus; False when the deadline passes first."""
    while (focused := app.focused) is None or focused.id != field:
        if time.monotonic() > deadline:
            print("TIMEOUT", flush=True)
            return False
        await asyncio.sleep(0.001)
    return True


async def main() -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 30
        if not await focus_on("login-name", deadline):
            return
        ready = time.time()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        await pilot.press(*"kasir", "enter", *"1111", "enter")
        if not await focus_on("scan", deadline):
            return
        hwm, rss = memory_kb()
        print(f"READY {ready!r} {hwm} {rss} {cpu!r}", flush=True)
        app.exit()


with kasir_app(settings) as app:  # `app` of the functions above
    asyncio.run(main())
