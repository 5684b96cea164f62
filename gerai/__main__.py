"""`python -m gerai` runs the same command line as the `gerai` script."""

from gerai.cli import main

main()
