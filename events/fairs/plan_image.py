"""A hall's plan drawn with Pillow, for the demo (staff upload their own plans): the zones as
coloured areas with their names, the stands as boxes with their numbers, and the entrance.

``layout_hall(zones, stands)`` says where everything goes (``HallLayout.position(stand)`` is the
centre of the stand's box in per cent of the image, what ``StandPlacement`` stores);
``draw_hall_plan(zones, stands)`` draws that layout to PNG bytes. ``zones`` are ``events.Zone``
rows (or anything with ``pk``, ``number``, ``name``, ``colour``), ``stands`` ``events.Stand`` rows
(``pk``, ``number``, ``zone_id``); stands of a zone not given are left out.
"""

import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

from PIL import Image, ImageColor, ImageDraw

from cms.fonts import polish_font

WIDTH, HEIGHT = 1600, 1000
MARGIN, GAP, ENTRANCE = 40, 24, 70
INK, PAPER, WALL = "#1b1f24", "#ffffff", "#4a5360"
# The zone colours staff write in Polish (events.Zone.colour is free text); others go to Pillow.
COLOURS = {
    "niebieski": "#1f6fb5",
    "pomarańczowy": "#d9730d",
    "fioletowy": "#7b3fa0",
    "zielony": "#2e8b3d",
    "żółty": "#d4b000",
    "turkusowy": "#138f8f",
    "granatowy": "#1b2f6b",
    "czerwony": "#c62828",
    "brązowy": "#8b5a2b",
    "szary": "#7a7f87",
    "czarny": "#222222",
    "różowy": "#c2185b",
}
PALETTE = ["#1f6fb5", "#d9730d", "#2e8b3d", "#7b3fa0", "#c62828", "#138f8f", "#8b5a2b", "#7a7f87"]


def zone_colour(zone, index=0):
    """The zone's colour as RGB: a Polish colour name, a CSS colour, else one of the palette's."""
    name = (zone.colour or "").strip().lower()
    try:
        return ImageColor.getrgb(COLOURS.get(name, name))
    except ValueError:
        return ImageColor.getrgb(PALETTE[index % len(PALETTE)])


def _tint(rgb, share=0.82):
    return tuple(round(channel + (255 - channel) * share) for channel in rgb)


@dataclass
class HallLayout:
    width: int
    height: int
    zones: list = field(default_factory=list)  # [(zone, rgb, (x0, y0, x1, y1))]
    stands: dict = field(default_factory=dict)  # stand pk -> (stand, (x0, y0, x1, y1))

    def position(self, stand):
        """The centre of the stand's box in per cent of the image (two decimals), or None."""
        if stand.pk not in self.stands:
            return None
        x0, y0, x1, y1 = self.stands[stand.pk][1]
        across = Decimal(100 * (x0 + x1) / 2 / self.width).quantize(Decimal("0.01"))
        down = Decimal(100 * (y0 + y1) / 2 / self.height).quantize(Decimal("0.01"))
        return across, down


def layout_hall(zones, stands, *, width=WIDTH, height=HEIGHT):
    zones = list(zones)
    layout = HallLayout(width=width, height=height)
    if not zones:
        return layout
    columns = math.ceil(math.sqrt(len(zones) * width / height / 1.6))
    rows = math.ceil(len(zones) / columns)
    zone_width = (width - 2 * MARGIN - GAP * (columns - 1)) / columns
    zone_height = (height - 2 * MARGIN - ENTRANCE - GAP * (rows - 1)) / rows
    by_zone = {}
    for stand in stands:
        by_zone.setdefault(stand.zone_id, []).append(stand)
    for index, zone in enumerate(zones):
        column, row = index % columns, index // columns
        x0 = MARGIN + column * (zone_width + GAP)
        y0 = MARGIN + row * (zone_height + GAP)
        box = (x0, y0, x0 + zone_width, y0 + zone_height)
        layout.zones.append((zone, zone_colour(zone, index), box))
        _layout_stands(layout, by_zone.get(zone.pk, []), box)
    return layout


def _layout_stands(layout, stands, box):
    if not stands:
        return
    x0, y0, x1, y1 = box
    top = y0 + 56  # below the zone's name
    inner_width, inner_height = x1 - x0 - 2 * 16, y1 - top - 16
    columns = max(1, min(len(stands), math.ceil(math.sqrt(len(stands) * inner_width / inner_height))))
    rows = math.ceil(len(stands) / columns)
    gap = 14
    box_width = min(130, (inner_width - gap * (columns - 1)) / columns)
    box_height = min(80, (inner_height - gap * (rows - 1)) / rows)
    for index, stand in enumerate(stands):
        column, row = index % columns, index // columns
        left = x0 + 16 + column * (box_width + gap)
        upper = top + row * (box_height + gap)
        layout.stands[stand.pk] = (stand, (left, upper, left + box_width, upper + box_height))


def _fit(draw, text, *, width, size, bold=False):
    """The text and a font it fits ``width`` in (smaller type, then an ellipsis)."""
    for points in range(size, 15, -2):
        font = polish_font(points, bold=bold)
        if draw.textlength(text, font=font) <= width:
            return text, font
    font = polish_font(16, bold=bold)
    while len(text) > 1 and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…", font


def draw_hall_plan(zones, stands, *, title="", width=WIDTH, height=HEIGHT):
    """The hall's plan as PNG bytes (``width`` x ``height``)."""
    layout = layout_hall(zones, stands, width=width, height=height)
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, width - 8, height - 8), outline=WALL, width=6)
    if title:
        text, font = _fit(draw, title, width=width - 2 * MARGIN, size=22, bold=True)
        draw.text((MARGIN, 12), text, fill=INK, font=font)
    for zone, rgb, (x0, y0, x1, y1) in layout.zones:
        draw.rectangle((x0, y0, x1, y1), fill=_tint(rgb), outline=rgb, width=4)
        draw.rectangle((x0, y0, x1, y0 + 14), fill=rgb)
        label = f"{zone.number}. {zone.name}" if zone.number else zone.name
        text, font = _fit(draw, label, width=x1 - x0 - 28, size=26, bold=True)
        draw.text((x0 + 14, y0 + 20), text, fill=INK, font=font)
    for stand, (x0, y0, x1, y1) in layout.stands.values():
        draw.rectangle((x0, y0, x1, y1), fill=PAPER, outline=INK, width=3)
        text, font = _fit(draw, stand.number or "?", width=x1 - x0 - 12, size=30, bold=True)
        draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, fill=INK, font=font, anchor="mm")
    entrance_width = 260
    left = (width - entrance_width) / 2
    draw.rectangle((left, height - 14, left + entrance_width, height - 2), fill=PAPER)
    text, font = _fit(draw, "▲ Wejście / Entrance", width=entrance_width + 120, size=24, bold=True)
    draw.text((width / 2, height - MARGIN - 4), text, fill=INK, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
