"""Scanned pages and photos -> text, through Tesseract with its Vietnamese data.

Pages of a PDF are rasterised one at a time by ``pdftoppm -r 200 -gray`` (poppler-utils) and
read by ``tesseract -l vie`` (Debian ``tesseract-ocr``, ``tesseract-ocr-vie``); a .jpg/.png
goes to Tesseract after its size is checked, turned upright first when the camera's EXIF
orientation says it was held sideways. ``progress(done, total)`` is called
after every page, so the page can draw a progress bar and the command line print a line.
Both tools run as bounded child processes (:mod:`loaders.reading.tools`); a page larger than
:data:`MAX_PIXELS` is refused before any tool sees it. One A4 page at 200 dpi takes about
7–13 s on two shared cores.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from domain.errors import TrackerError
from loaders.reading.pdf import reflow_blocks
from loaders.reading.tools import need, run

Progress = Callable[[int, int], None]
DPI = 200
MAX_PIXELS = 40_000_000
PAGE_SECONDS = 120


class OcrRefused(TrackerError):
    """The image is too large or unreadable; str() says so in Vietnamese."""


def ocr_pdf_pages(
    data: bytes, pages: list[int], progress: Progress | None = None
) -> dict[int, str]:
    """Text of the given 0-based pages of a PDF, read by OCR."""
    need("pdftoppm")
    need("tesseract")
    texts: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="plan-ocr-") as folder:
        Path(folder, "in.pdf").write_bytes(data)
        for done, number in enumerate(pages, start=1):
            raster = run(
                ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(number + 1), "-l",
                 str(number + 1), "-singlefile", "in.pdf", "page"],
                folder,
                PAGE_SECONDS,
            )  # fmt: skip
            image = Path(folder, "page.png")
            if raster.returncode != 0 or not image.exists():
                raise OcrRefused(f"không dựng được ảnh trang {number + 1} để nhận dạng chữ.")
            texts[number] = _tesseract(image, folder)
            image.unlink()
            if progress:
                progress(done, len(pages))
    return texts


def ocr_image(data: bytes, progress: Progress | None = None) -> str:
    """Text of one photo or scanned page (.jpg, .png)."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
    except Image.DecompressionBombError:
        width, height = MAX_PIXELS, 2  # Pillow's own limit: far larger than ours
    except Exception as exc:
        raise OcrRefused("tệp ảnh bị hỏng hoặc không phải ảnh .jpg/.png.") from exc
    if width * height > MAX_PIXELS:
        raise OcrRefused(
            f"ảnh {width}×{height} điểm quá lớn (tối đa {MAX_PIXELS // 1_000_000} triệu điểm): "
            "hãy chụp hoặc quét lại ở 200–300 dpi."
        )
    need("tesseract")
    with tempfile.TemporaryDirectory(prefix="plan-ocr-") as folder:
        image = Path(folder, "page.img")
        image.write_bytes(upright(data))
        text = _tesseract(image, folder)
    if progress:
        progress(1, 1)
    return text


def upright(data: bytes) -> bytes:
    """A phone photo turned the way its camera held it: the pixels of a photo taken
    sideways are stored sideways with an EXIF "Orientation" tag that viewers obey and
    Tesseract does not. Bytes without such a tag come back unchanged (already checked
    to be within :data:`MAX_PIXELS`)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as picture:
        if picture.getexif().get(_ORIENTATION, 1) in (0, 1):
            return data
        turned = ImageOps.exif_transpose(picture)
        out = io.BytesIO()
        turned.save(out, format="PNG")
        return out.getvalue()


_ORIENTATION = 0x0112


def _tesseract(image: Path, folder: str) -> str:
    done = run(["tesseract", image.name, "stdout", "-l", "vie", "--psm", "4"], folder, PAGE_SECONDS)
    if done.timed_out:
        raise OcrRefused("nhận dạng chữ một trang quá lâu: tệp có thể bị hỏng.")
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        if "vie" in err and ("language" in err.lower() or "traineddata" in err):
            raise OcrRefused(
                "thiếu dữ liệu tiếng Việt của Tesseract: quản trị viên hãy cài gói "
                "tesseract-ocr-vie (sudo apt-get install -y tesseract-ocr-vie)."
            )
        raise OcrRefused("không nhận dạng được chữ trong ảnh.")
    return reflow_blocks(done.stdout.decode("utf-8", "replace"))
