"""Command modules, one per noun; each exposes COMMANDS for the group in `tiptrain.cli`."""
