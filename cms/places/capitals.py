"""The seats of the voivodeship authorities (TERYT gmina codes), for the reach figures' "outside the
capital" share.

Sixteen voivodeships, eighteen cities: kujawsko-pomorskie has its voivode in Bydgoszcz and its
sejmik in Toruń, lubuskie its voivode in Gorzów Wielkopolski and its sejmik in Zielona Góra; both
cities of each pair count as the capital. ``cms/tests/test_teryt.py`` checks every code against the
register, so a renumbering in a newer TERC file shows.
"""

VOIVODESHIP_CAPITALS = {
    "02": ("0264011",),  # dolnośląskie: Wrocław
    "04": ("0461011", "0463011"),  # kujawsko-pomorskie: Bydgoszcz, Toruń
    "06": ("0663011",),  # lubelskie: Lublin
    "08": ("0861011", "0862011"),  # lubuskie: Gorzów Wielkopolski, Zielona Góra
    "10": ("1061011",),  # łódzkie: Łódź
    "12": ("1261011",),  # małopolskie: Kraków
    "14": ("1465011",),  # mazowieckie: Warszawa
    "16": ("1661011",),  # opolskie: Opole
    "18": ("1863011",),  # podkarpackie: Rzeszów
    "20": ("2061011",),  # podlaskie: Białystok
    "22": ("2261011",),  # pomorskie: Gdańsk
    "24": ("2469011",),  # śląskie: Katowice
    "26": ("2661011",),  # świętokrzyskie: Kielce
    "28": ("2862011",),  # warmińsko-mazurskie: Olsztyn
    "30": ("3064011",),  # wielkopolskie: Poznań
    "32": ("3262011",),  # zachodniopomorskie: Szczecin
}

CAPITAL_GMINAS = frozenset(code for codes in VOIVODESHIP_CAPITALS.values() for code in codes)


def is_capital(municipality_code):
    """Whether a TERYT gmina code is a seat of its voivodeship's authorities."""
    return municipality_code in CAPITAL_GMINAS
