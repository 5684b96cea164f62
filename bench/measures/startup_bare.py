"""The reference of the start-up figure, run by `startup.py` exactly as `startup_child.py` is
(`python -c <this file's text> <database>`, the same interpreter, flags, environment and
working directory; never imported): a bare Textual app with one Input, run headless at the
same size until that Input has focus, then `READY <epoch> 0 0 <CPU s>`
(the child's line, without its memory)."""

import asyncio
import resource
import time

from textual.app import App, ComposeResult
from textual.widgets import Input


class Bare(App[None]):
    """One Input, focused as it mounts."""

    def compose(self) -> ComposeResult:
        yield Input(id="name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


app = Bare()


async def main() -> None:
    async with app.run_test(size=(120, 40)):
        deadline = time.monotonic() + 30
        while (focused := app.focused) is None or focused.id != "name":
            if time.monotonic() > deadline:
                print("TIMEOUT", flush=True)
                return
            await asyncio.sleep(0.001)
        ready = time.time()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"READY {ready!r} 0 0 {usage.ru_utime + usage.ru_stime!r}", flush=True)
        app.exit()


asyncio.run(main())
