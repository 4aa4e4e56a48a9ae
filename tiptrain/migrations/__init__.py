"""Alembic migrations of the register, shipped with the package and run by `tiptrain.register.migrate`."""
