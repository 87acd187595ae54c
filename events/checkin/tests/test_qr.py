import io

import PIL.Image
import zxingcpp

from events.registration.qr import qr_png, qr_svg

SECRET = "vQ3mJ0n7bq2yX8kR1sT4uW6zA9cE5fH0iL3oN7pD2gB"


def test_png_qr_decodes_to_the_bare_secret():
    png = qr_png(SECRET, box_size=6)

    image = PIL.Image.open(io.BytesIO(png))
    results = zxingcpp.read_barcodes(image)

    assert [result.text for result in results] == [SECRET]
    assert image.size == (41 * 6, 41 * 6)  # version 4: 33 modules + 2 * 4 quiet zone


def test_svg_qr_is_an_accessible_image():
    svg = qr_svg(SECRET, label='Kod QR "biletu"')

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="qr-code" role="img"')
    assert 'aria-label="Kod QR &quot;biletu&quot;"' in svg
    assert "<title>Kod QR &quot;biletu&quot;</title>" in svg
    assert 'viewBox="0 0 41 41"' in svg
