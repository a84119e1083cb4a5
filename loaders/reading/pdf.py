"""A PDF -> its text, page by page, tables as tables; pages without a text layer named.

pdfplumber (0.11, on pdfminer.six; MIT) is the reader: it is kept up, pure Python (no
service, no Java), gives each character's position, and finds ruled tables
(``page.find_tables``), so a task table in a signed PDF comes back as rows of cells
("| 1 | Nhiệm vụ | Sở Y tế | Quý II/2026 |") that the plan reader already knows, and the
words outside the tables in reading order. A page whose text layer has almost no letters is a
scan: :mod:`loaders.reading.ocr` reads it.

The reader runs in a child process (``python -m loaders.reading.pdf``) with an address-space
cap and a time limit, and refuses encrypted files, more than :data:`MAX_PAGES` pages and
pages larger than :data:`MAX_PAGE_POINTS`, so a PDF bomb costs a bounded few seconds.
The child answers JSON only.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field

from loaders.reading.child import run_child

MAX_PAGES = 60
MAX_PAGE_POINTS = 1191 * 1684  # A2: larger pages are not plan pages
CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
CHILD_SECONDS = 60
SCANNED_BELOW = 40
"""A page with fewer letters than this in its text layer is taken for a scan."""


@dataclass
class PdfText:
    pages: list[str] = field(default_factory=list)
    scanned: list[int] = field(default_factory=list)  # 0-based pages without a text layer
    failure: str = ""  # "password", "pages", "size", "time", "memory", "corrupt"


def read_pdf(data: bytes) -> PdfText:
    """Every page's text (tables as "| a | b |" lines) from a capped child process."""
    out, failure = run_child("loaders.reading.pdf", data, CHILD_SECONDS)
    if failure:
        return PdfText(failure=failure)
    answer = json.loads(out)
    return PdfText(answer.get("pages", []), answer.get("scanned", []), answer.get("failure", ""))


def _page_text(page) -> str:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
        y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    lines = page.filter(outside).extract_text_lines(strip=True, return_chars=False)
    pieces = [(top, text) for top, text in _paragraphs(lines)]
    for table in tables:
        rendered = [
            "| " + " | ".join((c or "").replace("\n", " ").replace("|", "/") for c in row) + " |"
            for row in table.extract()
        ]
        pieces.append((table.bbox[1], "\n".join(["", *rendered, ""])))
    pieces.sort(key=lambda p: p[0])
    return "\n".join(p[1] for p in pieces)


ITEM_MARKER = re.compile(r"^(?:[IVXL]+\s*[.\-/)]|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-zđ]\)|[-–•+*]\s|\()")


def reflow_blocks(text: str) -> str:
    """OCR output (Tesseract) keeps the page's hard wraps but separates paragraphs with a
    blank line: join the lines of each block, except where a numbered or bulleted item
    starts."""
    out: list[str] = []
    joining = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            out.append("")
            joining = False
        elif joining and not ITEM_MARKER.match(stripped):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
            joining = True
    return "\n".join(out)


def _paragraphs(lines: list[dict]) -> list[tuple[float, str]]:
    """Lines joined into paragraphs. A PDF has no paragraph marks, only hard-wrapped lines:
    a line continues the one before when its first word would not have fitted at the end
    of that line (the wrap was forced), unless it starts a numbered or bulleted item."""
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    out: list[tuple[float, str]] = []
    previous: dict | None = None
    for line in lines:
        text = line["text"]
        if (
            previous is not None
            and out
            and not ITEM_MARKER.match(text)
            and _wrapped(previous, line, right)
        ):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((line["top"], text))
        previous = line
    return out


def _wrapped(previous: dict, line: dict, right: float) -> bool:
    if line["top"] - previous["top"] > 3 * max(line["bottom"] - line["top"], 1):
        return False  # a blank line or more between them
    text = line["text"]
    per_char = (line["x1"] - line["x0"]) / max(len(text), 1)
    first = text.split(" ", 1)[0]
    return previous["x1"] + per_char * (len(first) + 1) > right


def _child() -> None:  # pragma: no cover - runs in the child process
    import io
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    data = sys.stdin.buffer.read()
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    answer: dict = {"pages": [], "scanned": []}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                answer["failure"] = "pages"
            elif any(float(p.width) * float(p.height) > MAX_PAGE_POINTS for p in pdf.pages):
                answer["failure"] = "size"
            else:
                for number, page in enumerate(pdf.pages):
                    text = _page_text(page)
                    answer["pages"].append(text)
                    if sum(ch.isalpha() for ch in text) < SCANNED_BELOW:
                        answer["scanned"].append(number)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        answer = {"failure": "password"}
    except MemoryError:
        answer = {"failure": "memory"}
    except Exception as exc:  # noqa: BLE001 - a damaged file: say so, never a traceback
        # pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect()))
        causes = [exc, *exc.args, exc.__context__]
        text = " ".join(f"{type(c).__name__} {c}" for c in causes if c is not None).lower()
        answer = {"failure": "password" if "password" in text or "encrypt" in text else "corrupt"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    _child()
