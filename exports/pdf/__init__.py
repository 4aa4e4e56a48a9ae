"""PDF documents made with reportlab platypus from small helpers: pack, sign-in sheets, certificates, report.

Every font is an embedded TrueType font (`exports.fonts`), and every text goes through `Styles.p` or
`Styles.rich`: reportlab's Paragraph with the one escaping helper (`exports.text.markup`) for left-to-right
text, tiptrain's `ShapedParagraph` (no markup at all; joined letters, display order) for Arabic. Arabic
pages are mirrored: tables, bullets, charts and page furniture read from the right. `invariant=True` gives
the same bytes on every run.
"""

from exports.pdf.certificates import certificates
from exports.pdf.pack import participant_pack
from exports.pdf.report import report_pdf
from exports.pdf.signin import signin_sheets

__all__ = ["certificates", "participant_pack", "report_pdf", "signin_sheets"]
