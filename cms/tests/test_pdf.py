import io

from pypdf import PdfReader

from cms.files.pdf import new_pdf, qr_png, to_bytes


def test_a_pdf_of_the_stack_is_a4_with_polish_text_title_and_language():
    pdf = new_pdf(title="Lista obecności — posiedzenie WZK")
    pdf.cell(0, 10, "Zażółć gęślą jaźń ŁÓDŹ")
    pdf.image(io.BytesIO(qr_png("https://example.org/v/ABC")), x=10, y=30, w=30)
    reader = PdfReader(io.BytesIO(to_bytes(pdf)))

    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert "Zażółć gęślą jaźń ŁÓDŹ" in page.extract_text()
    assert reader.metadata.title == "Lista obecności — posiedzenie WZK"
    assert reader.trailer["/Root"]["/Lang"] == "pl"
