"""`python -m tiptrain` runs the command line."""

from tiptrain.cli import main

main()
