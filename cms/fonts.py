"""The TrueType font with the Polish letters (ą ć ę ł ń ó ś ź ż) that generated images use.

DejaVu Sans from Debian's ``fonts-dejavu-core`` (the PDFs of tickets, consents and diplomas embed
the same files). Pillow's own default font has no Polish letters: it draws a box for each.
"""

from pathlib import Path

from PIL import ImageFont

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
REGULAR = DEJAVU_DIR / "DejaVuSans.ttf"
BOLD = DEJAVU_DIR / "DejaVuSans-Bold.ttf"


class FontMissing(RuntimeError):
    pass


def polish_font(size, *, bold=False):
    path = BOLD if bold else REGULAR
    if not path.exists():
        raise FontMissing(
            f"{path} is missing: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core)."
        )
    return ImageFont.truetype(str(path), size)
