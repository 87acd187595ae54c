import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from cms.tests.factories import StaffFactory, UserFactory
from events.models import Stand
from events.services import StandImportError, import_stands
from events.tests.factories import EventPageFactory, ZoneFactory

HEADER = "instytucja;strefa;numer stoiska;opis;link"


@pytest.fixture
def fair(demo_site):
    event = EventPageFactory(kind="fair", title="Festiwal Uczelni")
    ZoneFactory(page=event, number=1, name="Uniwersytety", sort_order=1)
    ZoneFactory(page=event, number=7, name="Instytuty PAN", sort_order=2)
    return event


def csv_file(*lines, encoding="utf-8"):
    return io.BytesIO("\n".join(lines).encode(encoding))


def xlsx_file(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    return data


def stands(event):
    return [
        (
            stand.number,
            stand.institution,
            stand.zone.name if stand.zone else None,
            stand.description,
            stand.url,
        )
        for stand in Stand.objects.filter(event=event).order_by("institution")
    ]


def test_csv_import_creates_stands_with_zones_by_number_or_name(fair):
    result = import_stands(
        event=fair,
        file=csv_file(
            HEADER,
            "Uniwersytet Jagielloński;1;1;Ponad 80 kierunków;https://www.uj.edu.pl/",
            "Instytut Fizyki Jądrowej PAN;instytuty pan;2;Fizyka cząstek;www.ifj.edu.pl",
            "Akademia Tarnowska;;3;;",
        ),
    )

    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert stands(fair) == [
        ("3", "Akademia Tarnowska", None, "", ""),
        ("2", "Instytut Fizyki Jądrowej PAN", "Instytuty PAN", "Fizyka cząstek", "https://www.ifj.edu.pl"),
        ("1", "Uniwersytet Jagielloński", "Uniwersytety", "Ponad 80 kierunków", "https://www.uj.edu.pl/"),
    ]


def test_comma_separated_windows_1250_csv_with_english_headings(fair):
    import_stands(
        event=fair,
        file=csv_file(
            "institution,zone,stand number,description,link",
            "Politechnika Łódzka,7,A-1,Inżynieria,",
            encoding="cp1250",
        ),
    )

    assert stands(fair) == [("A-1", "Politechnika Łódzka", "Instytuty PAN", "Inżynieria", "")]


def test_xlsx_import_reads_numbers_as_written(fair):
    file = xlsx_file(
        [
            ["Instytucja", "Strefa", "Numer stoiska", "Opis", "Link"],
            ["Akademia Górniczo-Hutnicza", 1, 12, "Inżynieria i informatyka", "https://www.agh.edu.pl/"],
            [None, None, None, None, None],
            ["Instytut Botaniki PAN", 7.0, 14.0, None, None],
        ]
    )

    result = import_stands(event=fair, file=file)

    assert result.created == 2
    assert stands(fair) == [
        (
            "12",
            "Akademia Górniczo-Hutnicza",
            "Uniwersytety",
            "Inżynieria i informatyka",
            "https://www.agh.edu.pl/",
        ),
        ("14", "Instytut Botaniki PAN", "Instytuty PAN", "", ""),
    ]


def test_reimport_is_idempotent_and_updates_by_stand_number(fair):
    rows = [HEADER, "Uniwersytet Jagielloński;1;1;Opis;", "Akademia Tarnowska;;2;;"]
    import_stands(event=fair, file=csv_file(*rows))
    first = stands(fair)

    again = import_stands(event=fair, file=csv_file(*rows))
    changed = import_stands(event=fair, file=csv_file(HEADER, "Uniwersytet Jagielloński;7;1;Nowy opis;"))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert (changed.created, changed.updated) == (0, 1)
    assert Stand.objects.filter(event=fair).count() == 2
    assert first[1] == ("1", "Uniwersytet Jagielloński", "Uniwersytety", "Opis", "")
    assert stands(fair)[1] == ("1", "Uniwersytet Jagielloński", "Instytuty PAN", "Nowy opis", "")


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_saved(fair):
    with pytest.raises(StandImportError) as raised:
        import_stands(
            event=fair,
            file=csv_file(
                HEADER,
                "Uniwersytet Jagielloński;1;1;;",
                ";1;2;;",
                "Politechnika Krakowska;9;3;;",
                "Uniwersytet Rolniczy;1;4;;nie jest adresem",
                "Akademia Tarnowska;1;1;;",
                "Instytut PAN;1;" + "9" * 21 + ";;",
            ),
        )

    assert raised.value.errors == [
        "Wiersz 3: brak nazwy instytucji.",
        "Wiersz 4: targi nie mają strefy „9”.",
        "Wiersz 5: link „nie jest adresem” nie jest poprawnym adresem strony.",
        "Wiersz 6 powtarza stoisko z wiersza 2.",
        "Wiersz 7: kolumna „numer stoiska” ma więcej niż 20 znaków.",
    ]
    assert Stand.objects.filter(event=fair).count() == 0


def test_missing_institution_column_is_reported(fair):
    with pytest.raises(StandImportError) as raised:
        import_stands(event=fair, file=csv_file("nazwisko;telefon", "Kowalski;123"))

    assert raised.value.errors == [
        "Pierwszy wiersz musi zawierać nagłówki kolumn; brakuje kolumny „instytucja” (lub „institution”)."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "Plik nie jest ani tekstowym plikiem CSV, ani skoroszytem XLSX. Zapisz listę jako CSV lub XLSX.",
        ),
        (b"PK\x03\x04junk that is no zip", "Plik nie jest poprawnym skoroszytem XLSX."),
        (b"   \n", "Plik jest pusty."),
        (HEADER.encode(), "Plik ma nagłówki, ale nie zawiera żadnego stoiska."),
        (b"x" * (2 * 1024 * 1024 + 1), "Plik jest większy niż 2 MB."),
    ],
)
def test_junk_files_are_rejected_with_a_clear_message(fair, content, message):
    with pytest.raises(StandImportError) as raised:
        import_stands(event=fair, file=io.BytesIO(content))

    assert raised.value.errors == [message]


def test_a_zip_that_is_not_a_workbook_is_rejected(fair):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "nie skoroszyt")

    with pytest.raises(StandImportError) as raised:
        import_stands(event=fair, file=io.BytesIO(data.getvalue()))

    assert raised.value.errors == ["Plik nie jest poprawnym skoroszytem XLSX."]


def import_url():
    return reverse("wagtailsnippets_events_stand:import")


def test_staff_import_stands_in_the_admin(client, fair):
    client.force_login(StaffFactory())
    upload = SimpleUploadedFile(
        "stoiska.csv", f"{HEADER}\nUniwersytet Jagielloński;1;1;;\n".encode(), "text/csv"
    )

    page = client.get(import_url(), {"event": fair.pk})
    response = client.post(import_url(), {"event": fair.pk, "file": upload})

    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailsnippets_events_stand:list')}?event={fair.pk}"
    assert stands(fair) == [("1", "Uniwersytet Jagielloński", "Uniwersytety", "", "")]
    listing = client.get(response["Location"])
    assert "Uniwersytet Jagielloński" in listing.content.decode()
    assert (
        "Zaimportowano stoiska wydarzenia Festiwal Uczelni: nowe 1, zmienione 0, bez zmian 0."
        in listing.content.decode()
    )


def test_admin_import_shows_row_errors_and_saves_nothing(client, fair):
    client.force_login(StaffFactory())
    upload = SimpleUploadedFile("stoiska.csv", f"{HEADER}\n;1;1;;\n".encode(), "text/csv")

    response = client.post(import_url(), {"event": fair.pk, "file": upload})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<li>Wiersz 2: brak nazwy instytucji.</li>" in content
    assert "Nic nie zaimportowano. Popraw plik i spróbuj ponownie." in content
    assert Stand.objects.count() == 0


def test_admin_import_rejects_other_file_extensions(client, fair):
    client.force_login(StaffFactory())
    upload = SimpleUploadedFile("stoiska.pdf", b"%PDF-1.4", "application/pdf")

    response = client.post(import_url(), {"event": fair.pk, "file": upload})

    assert response.status_code == 200
    assert "Rozszerzenie pliku „pdf” jest niedozwolone." in response.content.decode()


def test_import_is_for_staff_only(client, fair):
    client.force_login(UserFactory())

    response = client.get(import_url())

    assert response.status_code in (302, 403)
    assert Stand.objects.count() == 0


def test_stand_list_in_admin_filters_by_event(client, fair):
    other = EventPageFactory(kind="fair", title="Inne targi")
    import_stands(event=fair, file=csv_file(HEADER, "Uniwersytet Jagielloński;1;1;;"))
    ZoneFactory(page=other, number=1, name="Strefa")
    Stand.objects.create(event=other, institution="Politechnika Opolska", number="5")
    client.force_login(StaffFactory())

    response = client.get(reverse("wagtailsnippets_events_stand:list"), {"event": fair.pk})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Uniwersytet Jagielloński" in content
    assert "Politechnika Opolska" not in content
    assert "Importuj z CSV/XLSX" in content
