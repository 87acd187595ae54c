"""Staff set retention periods in the Wagtail admin and read the run log; the run is scheduled daily.

The rules here are those ``cms`` registers itself (outgoing mail, inactive accounts) plus whatever
the installed apps register; tests/test_retention.py covers the apps' rules with real data.
"""

import datetime
import zoneinfo

import pytest
from wagtail import hooks

from cms.hooks import RETENTION_RULES
from cms.jobs.scheduler import periodic_tasks
from cms.outbox.models import OutgoingEmail
from cms.retention.models import RetentionPolicy, RetentionRun
from cms.retention.rules import DELETE, RetentionRule, registered_rules
from cms.retention.services import apply_retention, sync_policies
from cms.tests.factories import StaffFactory, TeacherFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 6, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))


def sent_mail(created):
    email = OutgoingEmail.objects.create(
        to=["anna@example.org"], subject="Bilet", body_text="Dzień dobry", status=OutgoingEmail.Status.SENT
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=created)
    return email


def test_every_registered_kind_has_a_policy_with_its_default_period_after_migrate():
    policies = {policy.kind: policy.days for policy in RetentionPolicy.objects.all()}

    assert policies == {rule.key: rule.default_days for rule in registered_rules()}
    assert policies["cms.outgoing_email"] == 90
    assert policies["registration.registrations"] == 365


def test_staff_see_the_periods_in_polish_and_change_one(client):
    staff = StaffFactory()
    client.force_login(staff)
    policy = RetentionPolicy.objects.get(kind="cms.outgoing_email")

    listing = client.get("/admin/retention_policies/")
    form = client.get(f"/admin/retention_policies/edit/{policy.pk}/")
    response = client.post(f"/admin/retention_policies/edit/{policy.pk}/", {"days": "30", "enabled": "on"})

    assert listing.status_code == 200
    assert "Wysłane e-maile (wysłane, nieudane lub niepotrzebne)" in listing.text
    assert "Zgłoszenia na wydarzenia, odpowiedzi i bilety" in listing.text
    assert listing.text.index("Zgłoszenia na wydarzenia") < listing.text.index("Wysłane e-maile")
    assert "Art. 6 ust. 1 lit. e RODO: dowód doręczenia" in form.text
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.days, policy.enabled, policy.updated_by) == (30, True, staff)


def test_a_period_of_zero_days_is_refused_and_nothing_changes(client):
    client.force_login(StaffFactory())
    policy = RetentionPolicy.objects.get(kind="cms.outgoing_email")

    response = client.post(f"/admin/retention_policies/edit/{policy.pk}/", {"days": "0", "enabled": "on"})

    assert response.status_code == 200
    assert "Upewnij się, że ta wartość jest większa lub równa 1." in response.text
    assert 'value="0"' in response.text
    policy.refresh_from_db()
    assert policy.days == 90


def test_policies_cannot_be_added_or_deleted_and_runs_cannot_be_edited(client):
    client.force_login(StaffFactory())
    policy = RetentionPolicy.objects.get(kind="cms.outgoing_email")
    apply_retention(now=NOW, kinds={"cms.outgoing_email"})
    run = RetentionRun.objects.get()

    assert client.get("/admin/retention_policies/new/").status_code == 302
    assert client.post(f"/admin/retention_policies/delete/{policy.pk}/").status_code == 302
    assert client.get(f"/admin/retention_runs/edit/{run.pk}/").status_code == 302
    assert RetentionPolicy.objects.filter(pk=policy.pk).exists()


def test_staff_read_the_run_log_and_teachers_cannot(client):
    sent_mail(datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC))
    apply_retention(now=NOW, kinds={"cms.outgoing_email"})
    run = RetentionRun.objects.get()
    teacher = TeacherFactory()
    client.force_login(teacher)

    refused = client.get("/admin/retention_runs/")
    client.force_login(StaffFactory())
    listing = client.get("/admin/retention_runs/")
    detail = client.get(f"/admin/retention_runs/inspect/{run.pk}/")

    assert refused.status_code == 302
    assert listing.status_code == 200
    assert "Wysłane e-maile (wysłane, nieudane lub niepotrzebne)" in listing.text
    assert detail.status_code == 200
    assert (run.kind, run.action, run.processed, run.complete) == ("cms.outgoing_email", DELETE, 1, True)


def test_mail_waiting_to_be_sent_is_never_deleted():
    old_sent = sent_mail(datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC))
    recent = sent_mail(datetime.datetime(2027, 5, 15, tzinfo=datetime.UTC))
    queued = OutgoingEmail.objects.create(to=["a@example.org"], subject="x", body_text="y")
    OutgoingEmail.objects.filter(pk=queued.pk).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )

    apply_retention(now=NOW, kinds={"cms.outgoing_email"})

    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, queued.pk}
    assert not OutgoingEmail.objects.filter(pk=old_sent.pk).exists()


def test_the_run_is_a_daily_periodic_task():
    pairs = {task.module_path: interval for task, interval in periodic_tasks()}

    assert pairs["cms.retention.tasks.apply_retention"] == 24 * 60 * 60


def _failing_rule():
    def due(cutoff):
        return OutgoingEmail.objects.all()

    def process(rows, now):
        raise RuntimeError("broken rule")

    return [
        RetentionRule(
            key="test.failing",
            label="failing",
            anchor="",
            action=DELETE,
            default_days=1,
            legal_basis="",
            model=OutgoingEmail,
            due=due,
            process=process,
            order=1,
        )
    ]


def test_a_failing_kind_is_recorded_and_the_other_kinds_still_run():
    old = sent_mail(datetime.datetime(2027, 1, 5, tzinfo=datetime.UTC))

    with hooks.register_temporarily(RETENTION_RULES, _failing_rule):
        runs = {run.kind: run for run in apply_retention(now=NOW)}

    assert (runs["test.failing"].error, runs["test.failing"].processed) == ("RuntimeError", 0)
    assert runs["cms.outgoing_email"].processed == 1
    assert not OutgoingEmail.objects.filter(pk=old.pk).exists()


def test_sync_keeps_a_period_staff_changed():
    RetentionPolicy.objects.filter(kind="cms.outgoing_email").update(days=14)

    policies = sync_policies()

    assert policies["cms.outgoing_email"].days == 14
