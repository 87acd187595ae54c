import pytest

from contests.tests.factories import EntryFactory, SchoolFactory, TeacherFactory, TeamMemberFactory


@pytest.fixture
def teacher(db):
    return TeacherFactory(username="teacher")


@pytest.fixture
def school(teacher):
    return SchoolFactory(teachers=[teacher])


@pytest.fixture
def entry(school, teacher):
    entry = EntryFactory(school=school, teacher=teacher)
    TeamMemberFactory(entry=entry, first_name="Ola", last_name="Wiśniewska")
    return entry


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client
