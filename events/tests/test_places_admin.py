import pytest
from django.core.exceptions import ValidationError

from cms.tests.factories import StaffFactory
from events.tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_event_editor_offers_the_register_and_refuses_a_mismatch(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site, slug="wydarzenia", title="Wydarzenia")
    event = EventPageFactory(parent=index, county="1601", voivodeship="16", municipality="Brzeg")
    client.force_login(StaffFactory())

    response = client.get(f"/admin/pages/{event.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="1601" selected>powiat brzeski</option>' in html
    assert '<optgroup label="małopolskie">' in html

    event.voivodeship = "12"
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "county" in refused.value.message_dict
