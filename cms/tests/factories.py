import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms import roles


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Anna"
    last_name = "Nowak"
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class TeacherFactory(UserFactory):
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: (
            create and user.groups.add(Group.objects.get(name=roles.SCHOOL_COORDINATOR))
        )
    )


class StaffFactory(UserFactory):
    is_staff = True
    roles = factory.PostGeneration(
        lambda user, create, extracted, **kw: create and user.groups.add(Group.objects.get(name=roles.STAFF))
    )
