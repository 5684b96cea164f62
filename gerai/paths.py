"""Where gerai keeps its files: the user's data and config dirs, and the shipped demo data."""

from pathlib import Path

import gerai

APP = "gerai"


def default_db_path() -> Path:
    """The shop's SQLite file in the user data dir (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False) / "gerai.db"


def default_config_path() -> Path:
    """The settings file in the user config dir (platformdirs)."""
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "gerai.toml"


def data_dir() -> Path:
    """The demo data: inside the installed wheel (`gerai/_data`), else the source tree's `data/`."""
    package = Path(gerai.__file__).resolve().parent
    installed = package / "_data"
    return installed if installed.is_dir() else package.parent / "data"
