"""`python -m builder` is the `toolkit` command."""

from builder.cli import main

main()
