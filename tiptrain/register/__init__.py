"""The register: workshops, their status history, rosters and reports in SQLite or PostgreSQL.

Use `tiptrain.register.api.Register`; the modules below it are its parts (engine, tables, lifecycle,
rosters, reports). Nothing here is imported by `tiptrain --help`.
"""
