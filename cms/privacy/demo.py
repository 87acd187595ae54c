"""Demo content: the first Polish and English version of every purpose's notice (once per purpose)."""

from .models import NoticeVersion, Purpose
from .services import publish_notice_version

CONTROLLER_PL = (
    "<p>Administratorem danych jest Wojewódzki Urząd Pracy, ul. Przykładowa 1, 45-001 Opole, obsługujący "
    "Wojewódzki Zespół Koordynacji (WZK); inspektor ochrony danych: iod@example.org.</p>"
)
CONTROLLER_EN = (
    "<p>The controller is the Regional Labour Office (WUP), ul. Przykładowa 1, 45-001 Opole, which runs "
    "the Regional Coordination Team (WZK); data-protection officer: iod@example.org.</p>"
)
RIGHTS_PL = (
    "<p>Masz prawo dostępu do danych, ich sprostowania, usunięcia lub ograniczenia przetwarzania, "
    "sprzeciwu oraz skargi do Prezesa UODO. Kopię danych albo ich usunięcie zamówisz na stronie "
    "„Twoje dane osobowe”. Zgodę możesz wycofać w każdej chwili, bez wpływu na wcześniejsze "
    "przetwarzanie.</p>"
)
RIGHTS_EN = (
    "<p>You may access, correct, erase or restrict your data, object, and complain to the President of "
    "UODO. Ask for a copy or the erasure of your data on the page “Your personal data”. You may "
    "withdraw a consent at any time without affecting earlier processing.</p>"
)

NOTICES = {
    Purpose.EVENT_REGISTRATION: {
        "title_pl": "Klauzula informacyjna — zapisy na wydarzenia",
        "summary_pl": (
            "Twoje dane (imię i nazwisko, e-mail, a przy zapisie klasy także szkoła i telefon) "
            "przetwarzamy, by zorganizować wydarzenie, wystawić bilet i informować o zmianach — w ramach "
            "zadania publicznego (art. 6 ust. 1 lit. e RODO). Anonimizujemy je 12 miesięcy po wydarzeniu; "
            "zostają tylko liczby uczestników."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Cel: organizacja wydarzenia, bilety i odprawa, informacje o zmianach, sprawozdawczość "
        "projektu KPO (tylko liczby). Podstawa: art. 6 ust. 1 lit. e RODO; zgoda na publikację zdjęć: "
        "art. 6 ust. 1 lit. a RODO. Okres: 12 miesięcy po wydarzeniu.</p>" + RIGHTS_PL,
        "consent_label_pl": (
            "Zgadzam się na publikację zdjęć i nagrań z wydarzenia, na których mnie widać (dobrowolne)."
        ),
        "title_en": "Privacy notice — event registration",
        "summary_en": (
            "We process your data (name, e-mail and, for a class, the school and a phone number) to run "
            "the event, issue your ticket and tell you about changes — a task in the public interest "
            "(art. 6(1)(e) GDPR). We anonymise it 12 months after the event; only head-counts remain."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Purpose: running the event, tickets and check-in, news of changes, reporting to the KPO "
        "funder (figures only). Basis: art. 6(1)(e) GDPR; consent to publishing photos: art. 6(1)(a) "
        "GDPR. Kept for 12 months after the event.</p>" + RIGHTS_EN,
        "consent_label_en": "I agree to photos and videos of the event showing me being published (optional).",
    },
    Purpose.EDUBUS_REQUEST: {
        "title_pl": "Klauzula informacyjna — zaproszenie Edubusa",
        "summary_pl": (
            "Dane osoby kontaktowej (imię i nazwisko, e-mail, telefon) wykorzystujemy tylko do "
            "uzgodnienia wizyty Edubusa — w ramach zadania publicznego (art. 6 ust. 1 lit. e RODO) — i "
            "przechowujemy 2 lata po wizycie."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Cel: planowanie i obsługa wizyty Edubusa. Podstawa: art. 6 ust. 1 lit. e RODO. Okres: "
        "2 lata po wizycie; liczba odwiedzających zostaje w sprawozdaniach bez danych osobowych.</p>"
        + RIGHTS_PL,
        "title_en": "Privacy notice — inviting the Edubus",
        "summary_en": (
            "We use the contact person's details (name, e-mail, phone) only to arrange the Edubus visit "
            "— a task in the public interest (art. 6(1)(e) GDPR) — and keep them for 2 years after it."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Purpose: planning and running the Edubus visit. Basis: art. 6(1)(e) GDPR. Kept for 2 years "
        "after the visit; the number of visitors stays in reports without personal data.</p>" + RIGHTS_EN,
    },
    Purpose.CONTEST_ENTRY: {
        "title_pl": "Klauzula informacyjna — zgłoszenia konkursowe",
        "summary_pl": (
            "Dane nauczyciela i uczniów zespołu (imiona, nazwiska, klasa) oraz film przetwarzamy, by "
            "przeprowadzić konkurs, ocenić prace i ogłosić wyniki — w ramach zadania publicznego "
            "(art. 6 ust. 1 lit. e RODO). Zgłoszenia przechowujemy 2 lata po ogłoszeniu wyników."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Cel: przeprowadzenie konkursu, ocena jury, protokół i wyniki. Podstawa: art. 6 ust. 1 lit. e "
        "RODO; publikacja filmu i nazwisk wyłącznie na podstawie zgody rodzica (i ucznia od 13 lat). "
        "Okres: 2 lata po wynikach.</p>" + RIGHTS_PL,
        "title_en": "Privacy notice — contest entries",
        "summary_en": (
            "We process the teacher's and the team's data (names, class) and the film to run the "
            "contest, judge the entries and announce the results — a task in the public interest "
            "(art. 6(1)(e) GDPR). Entries are kept for 2 years after the results."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Purpose: running the contest, the jury's judging, its report and the results. Basis: "
        "art. 6(1)(e) GDPR; films and names are published only with a parent's consent (and the "
        "pupil's from 13). Kept for 2 years after the results.</p>" + RIGHTS_EN,
    },
    Purpose.PUPIL_CONSENT: {
        "title_pl": "Zgoda na publikację wizerunku i filmu ucznia",
        "summary_pl": (
            "Rodzic (a od 13 lat także uczeń) zgadza się na publikację filmu konkursowego z wizerunkiem "
            "oraz imienia i nazwiska ucznia na stronie konkursu. Zgoda jest dobrowolna, niezależna od "
            "regulaminu i można ją wycofać w każdej chwili — film zostaje wtedy ukryty."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Podstawa: zgoda (art. 6 ust. 1 lit. a RODO, art. 81 prawa autorskiego). Podpisany formularz "
        "przechowujemy 5 lat po konkursie jako dowód zgody.</p>" + RIGHTS_PL,
        "consent_label_pl": "Zgoda na publikację wizerunku, imienia i nazwiska ucznia oraz filmu.",
        "title_en": "Consent to publishing a pupil's image and film",
        "summary_en": (
            "A parent (and from 13 also the pupil) agrees to the contest film with the pupil's image and "
            "the pupil's name being published on the contest page. The consent is voluntary, separate "
            "from the rules, and can be withdrawn at any time — the film is then hidden."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Basis: consent (art. 6(1)(a) GDPR, art. 81 of the Polish copyright act). The signed form "
        "is kept for 5 years after the contest as proof of the consent.</p>" + RIGHTS_EN,
        "consent_label_en": "Consent to publishing the pupil's image, name and film.",
    },
    Purpose.ACCOUNT_SIGNUP: {
        "title_pl": "Klauzula informacyjna — konto koordynatora szkolnego",
        "summary_pl": (
            "Imię, nazwisko i e-mail przetwarzamy, by prowadzić Twoje konto: zapisy klas, zgłoszenia "
            "konkursowe i wizyty Edubusa — w ramach zadania publicznego (art. 6 ust. 1 lit. e RODO) — do "
            "czasu usunięcia konta."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Cel: prowadzenie konta i jego zabezpieczenie (hasło, logowanie dwuetapowe). Podstawa: "
        "art. 6 ust. 1 lit. e i art. 32 RODO. Okres: do usunięcia konta.</p>" + RIGHTS_PL,
        "title_en": "Privacy notice — school coordinator account",
        "summary_en": (
            "We process your name and e-mail to keep your account: class registrations, contest entries "
            "and Edubus visits — a task in the public interest (art. 6(1)(e) GDPR) — until the account is "
            "deleted."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Purpose: keeping and securing your account (password, two-factor sign-in). Basis: "
        "art. 6(1)(e) and art. 32 GDPR. Kept until the account is deleted.</p>" + RIGHTS_EN,
    },
    Purpose.PUBLIC_VOTE: {
        "title_pl": "Klauzula informacyjna — głosowanie publiczności",
        "summary_pl": (
            "Adres e-mail przetwarzamy na podstawie Twojej zgody (art. 6 ust. 1 lit. a RODO), by "
            "potwierdzić, że każdy głosuje raz. Usuwamy go 30 dni po zamknięciu głosowania; zostają "
            "tylko wyniki."
        ),
        "body_pl": CONTROLLER_PL
        + "<p>Cel: jeden głos na osobę. Podstawa: zgoda (art. 6 ust. 1 lit. a RODO). Okres: 30 dni po "
        "zamknięciu głosowania.</p>" + RIGHTS_PL,
        "title_en": "Privacy notice — public vote",
        "summary_en": (
            "We process your e-mail address with your consent (art. 6(1)(a) GDPR) to make sure each "
            "person votes once. We delete it 30 days after the vote closes; only the tallies remain."
        ),
        "body_en": CONTROLLER_EN
        + "<p>Purpose: one vote per person. Basis: consent (art. 6(1)(a) GDPR). Kept for 30 days after "
        "the vote closes.</p>" + RIGHTS_EN,
    },
}


def ensure_first_versions():
    """Version 1 of each purpose's notice, only where staff have published none yet."""
    created = []
    for purpose, texts in NOTICES.items():
        if not NoticeVersion.objects.filter(purpose=purpose).exists():
            created.append(
                publish_notice_version(purpose=purpose, change_note="Pierwsza wersja (demo)", **texts)
            )
    return created


def seed(*, stdout):
    created = ensure_first_versions()
    if created:
        stdout.write(f"Privacy notices: {len(created)} first versions")
