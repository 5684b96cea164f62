"""The performance benchmark of SPEC §7; `python bench/run.py --help` runs it."""
