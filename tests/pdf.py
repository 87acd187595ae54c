"""Reading generated PDFs back in tests: their text (pypdf) and their first page as an image
(Poppler's pdftoppm), for decoding the QR code on it the way a phone's camera would."""

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_metadata(content):
    return PdfReader(io.BytesIO(content)).metadata


def first_page_image(content, *, dpi=150):
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(source), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
        )
        with Image.open(Path(folder) / "page.png") as image:
            image.load()
            return image.copy()
