import factory

from cms.privacy.models import NoticeVersion, Purpose


class NoticeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoticeVersion

    purpose = Purpose.EVENT_REGISTRATION
    number = factory.Sequence(lambda n: n + 1)
    title_pl = "Klauzula informacyjna — zapisy"
    title_en = "Privacy notice — registration"
    summary_pl = "Przetwarzamy Twoje dane, by zorganizować wydarzenie."
    summary_en = "We process your data to run the event."
    body_pl = "<p>Pełna treść klauzuli.</p>"
    body_en = "<p>The full notice.</p>"
