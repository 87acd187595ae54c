"""Every Polish catalogue is complete: no entry untranslated or fuzzy."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(
    path
    for pattern in (
        "locale/pl/LC_MESSAGES/*.po",
        "*/locale/pl/LC_MESSAGES/*.po",
        "*/*/locale/pl/LC_MESSAGES/*.po",
    )
    for path in ROOT.glob(pattern)
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_polish_catalogues_exist_for_every_app():
    apps = {str(path.relative_to(ROOT).parent.parent.parent.parent) for path in CATALOGUES}

    assert apps == {
        ".",
        "cms",
        "cms/privacy",
        "cms/retention",
        "cms/verification",
        "events",
        "events/registration",
        "events/checkin",
        "events/edubus",
        "events/wzk",
        "events/counting",
        "events/calendars",
        "events/feedback",
        "events/fairs",
        "events/certificates",
        "events/fairs",
        "contests",
        "contests/jury",
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_polish_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))

    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert missing == []
    assert fuzzy == []
