"""The compilation of key messages as files: PDF (WeasyPrint) and DOCX (python-docx).

Both print the same themes as the public page (key_messages.compilation) in the same
order: a heading per theme, a sub-heading per body, each message with its action areas
and its published source document.
"""

import io
from datetime import UTC

from docx import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from flask import render_template
from weasyprint import HTML

from meeting.lib.locales import format_instant
from meeting.lib.text import text_blocks
from meeting.models import Segment

from .key_messages import (
    COMPILATION_INTRO,
    COMPILATION_TITLE,
    CompiledMessage,
    Theme,
    compilation_heading,
    contents_by_body,
)

DETAILS_STYLE = "Key message details"


def long_date(day) -> str:
    """6 July 2020 (in French: 6 juillet 2020)."""
    return format_instant(day, "%-d %B %Y")


def details_line(message: CompiledMessage) -> str:
    """'Action areas: …', the source's title, or both: the small line after a message."""
    parts = []
    if message.action_areas:
        parts.append("Action areas: " + "; ".join(message.action_areas))
    if message.source:
        parts.append(f"Source: {message.source.title}")
    return " · ".join(parts)


def pdf_bytes(segment: Segment, themes: list[Theme]) -> bytes:
    """The print template as an A4 PDF; the stylesheet is inline, so nothing is fetched."""
    heading = compilation_heading(segment)
    html = render_template("print/key_messages.html", segment=segment, themes=themes,
                           contents=contents_by_body(themes), heading=heading,
                           title=COMPILATION_TITLE, intro=COMPILATION_INTRO,
                           compiled=long_date(heading.issued))
    return HTML(string=html).write_pdf()


def docx_bytes(segment: Segment, themes: list[Theme]) -> bytes:
    """Heading 1 per theme, Heading 2 per body, a paragraph per message, a small details line."""
    doc = DocxDocument()
    details = doc.styles.add_style(DETAILS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    details.base_style = doc.styles["Normal"]
    details.font.size = Pt(9)
    details.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    details.paragraph_format.space_after = Pt(10)
    props = doc.core_properties
    props.title = f"{COMPILATION_TITLE}: {segment.title}"
    props.subject = "HLPF thematic review"
    props.author = props.last_modified_by = "meeting"
    props.created = props.modified = segment.changed_at.astimezone(UTC).replace(tzinfo=None)

    heading = compilation_heading(segment)
    _a4_with_header_and_page_numbers(doc, segment, heading)
    for line in _symbol_block(heading):
        doc.add_paragraph(line, style="Normal").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph(COMPILATION_TITLE, style="Title")
    doc.add_paragraph(f"{segment.title} · compiled {long_date(heading.issued)}", style="Subtitle")
    doc.add_paragraph(COMPILATION_INTRO, style="Normal")
    contents = contents_by_body(themes)
    if contents:
        doc.add_paragraph("Contents by body", style="Heading 1")
        for entry in contents:
            doc.add_paragraph(f"{entry.body}: {entry.paragraphs}", style="Normal")
    for theme in themes:
        doc.add_paragraph(theme.title, style="Heading 1")
        for body in theme.bodies:
            doc.add_paragraph(body.heading, style="Heading 2")
            for message in body.messages:
                _message_paragraph(doc.add_paragraph(style="Normal"), message.text, message.number)
                line = details_line(message)
                if line:
                    paragraph = doc.add_paragraph(line, style=DETAILS_STYLE)
                    if message.source:
                        paragraph.add_run(" (")
                        _hyperlink(paragraph, message.source.url)
                        paragraph.add_run(")")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _symbol_block(heading) -> list[str]:
    """The top-right block of a UN document: symbol, date of issue, original language."""
    return ([heading.symbol] if heading.symbol else []) + [long_date(heading.issued),
                                                           f"Original: {heading.original}"]


def _a4_with_header_and_page_numbers(doc, segment: Segment, heading) -> None:
    """A4 like the PDF (python-docx starts from US Letter), the title in the header, 'Page n of N' below."""
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
        header = section.header.paragraphs[0]
        header.text = " · ".join(filter(None, [heading.symbol, segment.title, COMPILATION_TITLE]))
        header.style = doc.styles["Header"]
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Page ")
        _field(footer, "PAGE")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    # A Word field (PAGE, NUMPAGES) that the word processor fills in; "1" until it does.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _message_paragraph(paragraph: Paragraph, text: str, number: int) -> None:
    # One numbered paragraph per message; the message's own paragraphs become line breaks in it.
    paragraph.add_run(f"{number}.\t")
    for n, block in enumerate(text_blocks(text)):
        run = paragraph.add_run()
        if n:
            run.add_break()
        run.add_text(block)


def _hyperlink(paragraph: Paragraph, url: str) -> None:
    # python-docx has no API to add a hyperlink; it reads them back, so write the element.
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0A6EBD")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.extend([color, underline])
    text = OxmlElement("w:t")
    text.text = url
    run.extend([props, text])
    link.append(run)
    paragraph._p.append(link)
