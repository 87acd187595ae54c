import csv
from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from cms.places.capitals import CAPITAL_GMINAS, VOIVODESHIP_CAPITALS, is_capital
from cms.places.models import County, Municipality, Voivodeship
from cms.places.queries import check_place, clear_register, register
from cms.places.teryt import HEADER, SHIPPED_TERC, LegacyMapper, read_terc
from cms.reach.figures import MunicipalityFigures, ReachRow, summarise

pytestmark = pytest.mark.django_db


def test_shipped_file_has_the_register_shape_and_totals():
    with SHIPPED_TERC.open(encoding="utf-8") as handle:
        rows = [row for row in csv.reader(handle, delimiter=";") if row]

    assert rows[0] == HEADER
    assert {len(row) for row in rows} == {7}
    assert {row[6] for row in rows[1:]} == {"2020-01-01"}
    assert len(rows) - 1 == 4194
    voivodeships = [row for row in rows[1:] if not row[1]]
    counties = [row for row in rows[1:] if row[1] and not row[2]]
    assert len(voivodeships) == 16
    assert len(counties) == 380
    assert Counter(int(row[1]) >= 61 for row in counties) == {False: 314, True: 66}
    assert Counter(row[3] for row in rows[1:] if row[3] in ("1", "2", "3")) == {"1": 302, "2": 1533, "3": 642}


def test_migration_loaded_the_whole_register():
    assert (Voivodeship.objects.count(), County.objects.count(), Municipality.objects.count()) == (
        16,
        380,
        2477,
    )
    assert Voivodeship.objects.get(code="16").name == "opolskie"
    assert [str(county) for county in County.objects.filter(code__in=["1202", "1601", "1261"])] == [
        "powiat brzeski",
        "Kraków (miasto na prawach powiatu)",
        "powiat brzeski",
    ]
    assert County.objects.get(code="1202").voivodeship.name == "małopolskie"
    assert str(Municipality.objects.get(code="1601011")) == "Brzeg (gmina miejska)"
    # the names django-localflavor misspelled
    assert set(
        County.objects.filter(code__in=["1602", "0807", "1407", "2215", "2010"]).values_list(
            "name", flat=True
        )
    ) == {
        "głubczycki",
        "sulęciński",
        "kozienicki",
        "wejherowski",
        "siemiatycki",
    }


@pytest.fixture
def mapper():
    return LegacyMapper(County=County, Municipality=Municipality)


def test_ambiguous_county_key_is_decided_by_the_voivodeship(mapper):
    assert mapper.map("opole", "brzeski", "Brzeg") == ("16", "1601", "1601011", "")
    assert mapper.map("lesser_poland", "brzeski", "Brzesko") == ("12", "1202", "1202023", "")
    assert mapper.map("", "brzeski") == ("", "", "", "county: brzeski; voivodeship: —")
    assert mapper.map("opole", "krakow") == ("16", "", "", "county: krakow; voivodeship: opole")
    assert mapper.map("", "krakow", "Kraków") == ("12", "1261", "1261011", "")
    assert mapper.map("lubusz", "sulecinski") == ("08", "0807", "", "")
    assert mapper.map("opole", "glubczycki") == ("16", "1602", "", "")
    assert mapper.map("lodz", "lodzki wschodni") == ("10", "1006", "", "")
    assert mapper.map("opole", "") == ("16", "", "", "")


def test_check_place_refuses_a_county_of_another_voivodeship_in_polish():
    with translation.override("pl"):
        errors, _place = check_place(voivodeship="12", county="1601")
        gmina_errors, _place = check_place(county="1601", municipality="1202023")

    assert errors == {
        "county": "Powiat brzeski nie należy do wybranego województwa (małopolskie). "
        "Wybierz powiat z tego województwa."
    }
    assert gmina_errors == {
        "municipality": "Gmina Brzesko (gmina miejsko-wiejska) nie należy do wybranego powiatu (powiat brzeski). "
        "Wybierz gminę z tego powiatu."
    }
    assert check_place(municipality="1601011") == ({}, ("16", "1601", "1601011"))


def test_refresh_command_renames_a_gmina_adds_units_and_never_deletes(tmp_path, capsys, request):
    request.addfinalizer(clear_register)  # the database is rolled back after the test; so is this copy
    text = SHIPPED_TERC.read_text(encoding="utf-8")
    text = text.replace(
        "16;01;01;1;Brzeg;gmina miejska;2020-01-01", "16;01;01;1;Brzeg nad Odrą;gmina miejska;2025-01-01"
    )
    text = text.replace("16;01;06;2;Olszanka;gmina wiejska;2020-01-01\n", "")
    text += "16;01;07;2;Nowa Gmina;gmina wiejska;2025-01-01\n"
    path = tmp_path / "TERC_Urzedowy_2025-01-01.csv"
    path.write_text("\ufeff" + text.replace("\n", "\r\n"), encoding="utf-8")
    assert register().municipality_name("1601011") == "Brzeg"

    call_command("load_terc", str(path))

    out = capsys.readouterr().out
    assert "renamed gmina 1601011 Brzeg -> Brzeg nad Odrą" in out
    assert "added gmina 1601072 Nowa Gmina" in out
    assert "no longer in the register: gmina 1601062 Olszanka" in out
    assert Municipality.objects.get(code="1601011").name == "Brzeg nad Odrą"
    assert Municipality.objects.get(code="1601062").in_register is False
    assert register().municipality_name("1601011") == "Brzeg nad Odrą"
    assert Municipality.objects.count() == 2478


def test_refresh_command_refuses_a_file_that_is_not_terc(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a;b;c\n1;2;3\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Not a TERC file"):
        call_command("load_terc", str(path))


def test_county_gminas_endpoint_lists_the_gminas_of_one_county(client):
    response = client.get("/places/counties/1601/gminas.json")

    assert response.status_code == 200
    assert [item["code"] for item in response.json()["gminas"]] == [
        "1601011",
        "1601033",
        "1601043",
        "1601052",
        "1601062",
        "1601022",
    ]
    assert client.get("/places/counties/9999/gminas.json").status_code == 404


def test_read_terc_keeps_gminas_and_skips_their_parts():
    data = read_terc(SHIPPED_TERC)

    assert "1601034" not in data.municipalities  # the town of the urban-rural gmina of Grodków
    assert data.municipalities["1601033"][0] == "Grodków"


def test_reach_groups_by_gmina_with_register_names():
    def row(key, people, **place):
        return ReachRow("event:fair", "targi", key, registrations=1, people=people, **place)

    brzeg = {"municipality": "Brzeg", "county": "1601", "voivodeship": "16", "municipality_code": "1601011"}
    summary = summarise(
        [
            row("event:1", 10, **brzeg),
            row("event:1", 5, **brzeg),
            row("event:2", 3, municipality="Nysa", county="1607", voivodeship="16"),
        ]
    )

    assert summary.municipalities == 2
    assert summary.by_municipality == [
        MunicipalityFigures("opolskie", "powiat brzeski", "1601011", "Brzeg (gmina miejska)", 1, 2, 15, 0),
        MunicipalityFigures("opolskie", "powiat nyski", "", "Nysa", 1, 1, 3, 0),
    ]


def test_each_voivodeship_capital_is_an_urban_gmina_of_its_voivodeship_in_the_register():
    names = {
        municipality.code: (municipality.name, municipality.kind, municipality.county.voivodeship_id)
        for municipality in Municipality.objects.filter(code__in=CAPITAL_GMINAS).select_related("county")
    }

    assert len(CAPITAL_GMINAS) == 18
    assert sorted(VOIVODESHIP_CAPITALS) == sorted(Voivodeship.objects.values_list("code", flat=True))
    for voivodeship, codes in VOIVODESHIP_CAPITALS.items():
        for code in codes:
            name, kind, in_voivodeship = names[code]
            assert (kind.startswith("gmina miejska"), in_voivodeship) == (True, voivodeship), name
    assert sorted(name for name, _kind, _voivodeship in names.values()) == [
        "Białystok",
        "Bydgoszcz",
        "Gdańsk",
        "Gorzów Wielkopolski",
        "Katowice",
        "Kielce",
        "Kraków",
        "Lublin",
        "Olsztyn",
        "Opole",
        "Poznań",
        "Rzeszów",
        "Szczecin",
        "Toruń",
        "Warszawa",
        "Wrocław",
        "Zielona Góra",
        "Łódź",
    ]
    assert is_capital("1661011") and not is_capital("1601011")
