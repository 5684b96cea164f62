"""Logging goes to a file in the user log dir, never to the terminal the TUI draws on
(python-escpos logs through the root logger, which would otherwise print over the screen)."""

import logging


def configure_logging() -> None:
    """Send warnings and errors to `gerai.log` in the user log dir (once)."""
    root = logging.getLogger()
    if root.handlers:
        return
    from platformdirs import user_log_path

    folder = user_log_path("gerai", appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "gerai.log", encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
