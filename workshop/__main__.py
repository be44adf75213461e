"""`python -m workshop` runs the `okr-workshop` command."""

from workshop.cli import main

main()
