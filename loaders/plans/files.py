"""A plan file as it arrives -> its text, saying which lines were read by OCR.

- .txt/.md/.docx: :func:`loaders.plans.text.decode_document`;
- .doc (Word 97–2003): antiword, else LibreOffice's .docx (:mod:`loaders.reading.office`);
- .pdf with a text layer: pdfplumber, tables as tables (:mod:`loaders.reading.pdf`);
- a scanned .pdf, or scanned pages inside one, and photos (.jpg, .png): Tesseract ``vie``
  page by page (:mod:`loaders.reading.ocr`), with ``progress(done, total)`` after each page.

The kind is decided by the first bytes, never by the file name. Every failure is a located
Vietnamese problem (a missing tool says which Debian package to install); nothing raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from domain.problems import Problem
from loaders.plans.model import at_line
from loaders.plans.text import MAX_BYTES, decode_document
from loaders.reading.tools import ToolMissing

Progress = Callable[[int, int], None]
SUPPORTED = (".txt", ".md", ".docx", ".doc", ".pdf", ".jpg", ".jpeg", ".png")

_PDF_FAILURES = {
    "password": "tệp PDF có mật khẩu: hãy gỡ mật khẩu (hoặc in ra PDF mới) rồi tải lên.",
    "pages": "tệp PDF có quá nhiều trang để là một kế hoạch (tối đa 60 trang).",
    "size": "tệp PDF có trang khổ quá lớn (lớn hơn A2), không giống văn bản kế hoạch.",
    "time": "đọc tệp PDF quá lâu (quá 60 giây): tệp có thể bị hỏng hoặc cố ý làm nặng.",
    "memory": "đọc tệp PDF cần quá nhiều bộ nhớ: tệp có thể bị hỏng hoặc cố ý làm nặng.",
    "corrupt": "tệp PDF bị hỏng, không đọc được.",
}


@dataclass
class DocumentText:
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    ocr_lines: list[tuple[int, int]] = field(default_factory=list)  # 1-based, inclusive
    pages: int = 0


def document_text(
    data: bytes, filename: str = "", progress: Progress | None = None
) -> DocumentText:
    """The text of a plan file of any supported kind."""
    if data and len(data) <= MAX_BYTES:
        try:
            if data[:4] == b"\xd0\xcf\x11\xe0":
                return _doc(data, filename)
            if data[:5] == b"%PDF-":
                return _pdf(data, progress)
            if data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n":
                return _image(data, progress)
        except ToolMissing as missing:
            return DocumentText(problems=[at_line(str(missing), severity="error")])
        except Exception as exc:  # noqa: BLE001 - OcrRefused and the unexpected: said, never raised
            return DocumentText(problems=[at_line(str(exc), severity="error")])
    text, problems = decode_document(data, filename)
    return DocumentText(text, problems)


def _doc(data: bytes, filename: str) -> DocumentText:
    from loaders.reading.office import doc_to_docx, doc_to_text

    text, fallback = doc_to_text(data)
    if not fallback:
        return DocumentText(text)
    converted = doc_to_docx(data)
    if not converted:
        return DocumentText(
            problems=[
                at_line(
                    "không đọc được tệp Word cũ (.doc) này (có thể có mật khẩu hoặc bị hỏng). "
                    "Hãy mở bằng Word, lưu thành .docx rồi tải lên.",
                    severity="error",
                )
            ]
        )
    text, problems = decode_document(converted, filename)
    return DocumentText(text, problems)


def _pdf(data: bytes, progress: Progress | None) -> DocumentText:
    from loaders.reading.ocr import ocr_pdf_pages
    from loaders.reading.pdf import read_pdf

    found = read_pdf(data)
    if found.failure:
        return DocumentText(problems=[at_line(_PDF_FAILURES[found.failure], severity="error")])
    pages = list(found.pages)
    if found.scanned:
        for number, text in ocr_pdf_pages(data, found.scanned, progress).items():
            pages[number] = text
    return _joined(pages, set(found.scanned))


def _image(data: bytes, progress: Progress | None) -> DocumentText:
    from loaders.reading.ocr import ocr_image

    return _joined([ocr_image(data, progress)], {0})


def _joined(pages: list[str], ocr: set[int]) -> DocumentText:
    lines: list[str] = []
    spans = []
    for number, page in enumerate(pages):
        first = len(lines) + 1
        lines += page.splitlines()
        if number in ocr:
            spans.append((first, len(lines)))
    return DocumentText("\n".join(lines), ocr_lines=spans, pages=len(pages))
