"""PDF documents made with reportlab platypus from small helpers: pack, sign-in sheets, certificates, report.

Every font is an embedded TrueType font (`exports.fonts`), every user text passes through one escaping
helper (`exports.text.markup`), and `invariant=True` gives the same bytes on every run.
"""

from exports.pdf.certificates import certificates
from exports.pdf.pack import participant_pack
from exports.pdf.report import report_pdf
from exports.pdf.signin import signin_sheets

__all__ = ["certificates", "participant_pack", "report_pdf", "signin_sheets"]
