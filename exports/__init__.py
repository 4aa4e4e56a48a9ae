"""Calendars, PDF documents and CSV made from plans, agendas and reports; no database access."""
