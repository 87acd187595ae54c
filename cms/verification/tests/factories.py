import datetime

import factory
from django.utils import timezone

from cms.verification.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind_label = "Zaświadczenie o udziale"
    title = "Festiwal Zawodów Opolskie, 15-16 września 2026"
    holder_name = "Łucja Żółkiewska"
    issuer = "Wojewódzki Urząd Pracy w Opolu"
    issued_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
