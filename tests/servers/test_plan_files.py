"""Plan files as they come: .doc, a text .pdf, a scan at 200 dpi, a photo, and hostile PDFs.

A plan written from code is rendered by LibreOffice (to .pdf and to .doc) and rasterised by
pdftoppm, as an office's document system and scanner would; the drafts must be the source's
draft. OCR is slow (5–13 s a page on two shared cores), so the scan is one or two pages,
read once per module.
"""

from __future__ import annotations

import io
import subprocess
import zlib
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from domain.text import fold
from loaders.plans.document import read_plan_document
from loaders.reading.ocr import upright
from tests import plan_writers as w


def _draft_shape(draft):
    return (
        draft.plan.code,
        draft.plan.issued_on,
        [
            (t.section, t.title, t.start, t.due, t.recurrence, [(u.name, u.role) for u in t.units])
            for t in draft.tasks
        ],
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, bytes | list[bytes]]:
    """The prose plan as .docx, and LibreOffice's .pdf and .doc of it, and its 200-dpi pages."""
    folder = tmp_path_factory.mktemp("render")
    source = folder / "kh.docx"
    source.write_bytes(w.prose_docx())
    profile = (folder / "profile").as_uri()
    for kind in ("pdf", "doc"):
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", kind,
             "--outdir", str(folder), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", str(folder / "kh.pdf"), str(folder / "page")],
        check=True,
        timeout=120,
    )
    pages = [p.read_bytes() for p in sorted(folder.glob("page-*.png"))]
    return {
        "docx": source.read_bytes(),
        "pdf": (folder / "kh.pdf").read_bytes(),
        "doc": (folder / "kh.doc").read_bytes(),
        "pages": pages,
    }


def test_a_text_pdf_gives_its_sources_draft(rendered):
    source = read_plan_document(rendered["docx"], "kh.docx")
    from_pdf = read_plan_document(rendered["pdf"], "kh.pdf")
    assert len(source.tasks) == len(w.PROSE_TASKS)
    assert _draft_shape(from_pdf) == _draft_shape(source)
    assert not any(t.ocr for t in from_pdf.tasks)


def test_an_old_word_file_gives_its_sources_draft(rendered):
    assert rendered["doc"][:4] == b"\xd0\xcf\x11\xe0"
    source = read_plan_document(rendered["docx"], "kh.docx")
    assert _draft_shape(read_plan_document(rendered["doc"], "kh.doc")) == _draft_shape(source)


def _scan_pdf(pages: list[bytes]) -> bytes:
    from PIL import Image

    images = [Image.open(io.BytesIO(p)).convert("L") for p in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def test_a_200_dpi_scan_keeps_its_tasks_marked_as_read_by_ocr(rendered):
    pages = rendered["pages"]
    assert 1 <= len(pages) <= 2  # keep OCR time small
    seen: list[tuple[int, int]] = []
    source = read_plan_document(rendered["docx"], "kh.docx")
    scan = read_plan_document(_scan_pdf(pages), "scan.pdf", progress=lambda *a: seen.append(a))
    assert seen == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    assert (scan.plan.code, scan.plan.issued_on) == (source.plan.code, source.plan.issued_on)
    kept = 0
    for task in source.tasks:
        twins = [
            t
            for t in scan.tasks
            if fuzz.token_set_ratio(fold(t.title), fold(task.title)) >= 85
            and (t.due, t.recurrence) == (task.due, task.recurrence)
        ]
        kept += bool(twins)
    assert kept >= 0.85 * len(source.tasks)
    assert scan.tasks and all(t.ocr for t in scan.tasks)
    assert any("OCR" in p.message for p in scan.problems)


def test_a_photo_of_the_first_page_is_read_by_ocr(rendered):
    draft = read_plan_document(rendered["pages"][0], "anh.png")
    assert (draft.plan.code, draft.plan.place) == ("21/KH-MTTQ-BTT", "An Bình")


def test_a_phone_photo_taken_sideways_is_turned_upright_before_ocr(rendered):
    from PIL import Image

    with Image.open(io.BytesIO(rendered["pages"][0])) as page:
        top = page.crop((0, 0, page.width, page.height // 3))
    sideways = top.rotate(90, expand=True)  # the pixels as the camera stored them
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90° clockwise to show"
    photo = io.BytesIO()
    sideways.convert("L").save(photo, format="JPEG", exif=exif, quality=90)
    with Image.open(io.BytesIO(upright(photo.getvalue()))) as turned:
        assert turned.size == top.size
    assert upright(rendered["pages"][0]) == rendered["pages"][0]  # no tag: the same bytes
    draft = read_plan_document(photo.getvalue(), "anh-dien-thoai.jpg")
    assert (draft.plan.code, draft.plan.place) == ("21/KH-MTTQ-BTT", "An Bình")


# -- hostile files ------------------------------------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _pages(count: int, box: bytes = b"0 0 595 842", content: bytes = b"") -> bytes:
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents 3 0 R >>" % box] * count
    return _pdf(objects)


def _refused(data: bytes, words: str) -> None:
    draft = read_plan_document(data, "hostile.pdf")
    assert not draft.is_plan and draft.tasks == []
    message = " ".join(p.message for p in draft.errors)
    assert words in message, message
    assert all(p.file == "hostile.pdf" for p in draft.errors)


def test_a_password_protected_pdf_is_refused_with_what_to_do():
    encrypted = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32),
        ],
        b"/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef>"
        b"<0123456789abcdef0123456789abcdef>] ",
    )
    _refused(encrypted, "mật khẩu")


def test_too_many_pages_or_a_page_too_large_is_refused():
    _refused(_pages(61, content=zlib.compress(b"")), "quá nhiều trang")
    _refused(_pages(1, box=b"0 0 14400 14400", content=zlib.compress(b"")), "khổ quá lớn")


def test_a_pdf_bomb_is_refused_within_bounded_time_and_memory():
    packer = zlib.compressobj(9)
    chunk = bytes(16 * 1024 * 1024)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    bomb = first + block * 120 + packer.flush()  # ~2 GB of content stream in ~2 MB
    draft = read_plan_document(_pages(1, content=bomb), "hostile.pdf")
    assert not draft.is_plan and draft.errors


def test_a_photo_too_large_is_refused_before_any_tool_sees_it():
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")
        )

    size = (30000).to_bytes(4, "big") * 2  # 900 million pixels declared in a 60-byte file
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", size + b"\x08\x00\x00\x00\x00")
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )
    draft = read_plan_document(png, "anh.png")
    assert "quá lớn" in draft.errors[0].message


def test_a_missing_tool_says_which_debian_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    draft = read_plan_document(b"\xd0\xcf\x11\xe0" + bytes(600), "cu.doc")
    message = draft.errors[0].message
    assert "antiword" in message and "apt-get install" in message
    assert Path(draft.errors[0].file or "").name == "cu.doc"
