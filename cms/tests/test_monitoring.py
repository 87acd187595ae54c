import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult, get_date_max

from cms.jobs.scheduler import enqueue_due
from cms.jobs.tasks import prune_task_results, worker_heartbeat

from .factories import StaffFactory, TeacherFactory

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@task()
def import_registrations(batch):
    """Fails until the operator has fixed the cause (a cache flag stands for it)."""
    if not cache.get("test-monitoring:fixed"):
        raise ValueError(f"batch {batch} has a broken row")
    return batch


def run_worker():
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)


def finished_result(
    *, task_path="cms.jobs.tasks.worker_heartbeat", status="SUCCESSFUL", finished_at, **fields
):
    return DBTaskResult.objects.create(
        task_path=task_path,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        finished_at=finished_at,
        exception_class_path=fields.pop("exception_class_path", ""),
        traceback=fields.pop("traceback", ""),
        **fields,
    )


@pytest.mark.django_db(transaction=True)
def test_healthz_reports_a_live_worker_after_it_ran_the_heartbeat(client, settings):
    settings.TASKS = DB_QUEUE
    worker_heartbeat.enqueue()
    assert client.get("/healthz").status_code == 503

    run_worker()
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["checks"] == {"database": "ok", "cache": "ok", "worker": "ok"}
    assert body["worker"]["age_seconds"] in (0, 1, 2)
    assert body["worker"]["threshold_seconds"] == 300
    assert body["worker"]["tasks_waiting"] == 0


def test_healthz_answers_503_when_no_task_finished_within_the_threshold(client, db, settings):
    settings.TASKS = DB_QUEUE
    settings.EDUFEST_WORKER_STALE_SECONDS = 300
    finished_result(finished_at=timezone.now() - datetime.timedelta(seconds=600))

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["worker"].startswith("error: no background task finished for 60")
    assert 600 <= body["worker"]["age_seconds"] < 660


def test_healthz_answers_503_before_any_task_has_finished(client, db, settings):
    settings.TASKS = DB_QUEUE

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "error: no background task has finished yet (queue default)"


ALL_QUEUES = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "media"]}
}


def test_healthz_checks_the_worker_of_every_queue_and_names_the_ones_down(client, db, settings):
    settings.TASKS = ALL_QUEUES
    settings.EDUFEST_WORKER_STALE_SECONDS = 300
    now = timezone.now()
    finished_result(finished_at=now - datetime.timedelta(seconds=20), queue_name="default")
    finished_result(finished_at=now - datetime.timedelta(seconds=900), queue_name="mail")

    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["worker"] == (
        "error: no background task finished for 900 s (queue mail); "
        "no background task has finished yet (queue media)"
    )
    assert {name: queue["status"] for name, queue in body["queues"].items()} == {
        "default": "ok",
        "mail": "error: no background task finished for 900 s",
        "media": "error: no background task has finished yet",
    }
    assert body["queues"]["mail"]["age_seconds"] == 900


def test_healthz_is_healthy_when_each_queue_ran_its_heartbeat(client, db, settings):
    settings.TASKS = ALL_QUEUES
    for queue_name in ("default", "mail", "media"):
        finished_result(finished_at=timezone.now(), queue_name=queue_name)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == "ok"
    assert list(response.json()["queues"]) == ["default", "mail", "media"]


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_sends_a_heartbeat_to_every_queue_and_their_workers_run_it(client, settings):
    settings.TASKS = ALL_QUEUES
    enqueue_due(now=6000.0)
    for queue_name in ("default", "mail", "media"):
        call_command(
            "db_worker",
            queue_name=queue_name,
            batch=True,
            reload=False,
            startup_delay=False,
            interval=0,
            verbosity=0,
        )

    heartbeats = DBTaskResult.objects.filter(task_path="cms.jobs.tasks.worker_heartbeat", status="SUCCESSFUL")
    assert sorted(heartbeats.values_list("queue_name", flat=True)) == ["default", "mail", "media"]
    assert client.get("/healthz").json()["checks"]["worker"] == "ok"


def test_a_failed_task_counts_as_a_sign_of_life(client, db, settings):
    settings.TASKS = DB_QUEUE
    finished_result(status="FAILED", finished_at=timezone.now() - datetime.timedelta(seconds=30))

    assert client.get("/healthz").status_code == 200


# Failed tasks in the admin


@pytest.mark.django_db(transaction=True)
def test_staff_see_a_failed_task_and_run_it_again_once_fixed(client, settings):
    settings.TASKS = DB_QUEUE
    cache.delete("test-monitoring:fixed")
    import_registrations.enqueue(7)
    run_worker()
    failed = DBTaskResult.objects.get()
    client.force_login(StaffFactory())

    page = client.get("/admin/failed-tasks/").content.decode()

    assert failed.status == "FAILED"
    assert "cms.tests.test_monitoring.import_registrations" in page
    assert "<code>7</code>" in page
    assert "builtins.ValueError" in page
    assert "batch 7 has a broken row" in page
    assert f"/admin/failed-tasks/{failed.pk}/retry/" in page

    cache.set("test-monitoring:fixed", True)
    response = client.post(f"/admin/failed-tasks/{failed.pk}/retry/")
    run_worker()

    assert (response.status_code, response.url) == (302, "/admin/failed-tasks/")
    [again] = DBTaskResult.objects.all()
    assert again.pk != failed.pk
    assert (again.status, again.args_kwargs, again.return_value) == (
        "SUCCESSFUL",
        {"args": [7], "kwargs": {}},
        7,
    )
    assert "import_registrations" not in client.get("/admin/failed-tasks/").content.decode()


def test_a_task_of_another_package_is_listed_but_not_run_again(client, db, settings):
    settings.TASKS = DB_QUEUE
    result = finished_result(
        task_path="otherpackage.tasks.cleanup",
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="builtins.RuntimeError",
        traceback="RuntimeError: gone",
    )
    client.force_login(StaffFactory())

    page = client.get("/admin/failed-tasks/").content.decode()
    response = client.post(f"/admin/failed-tasks/{result.pk}/retry/", follow=True)

    assert "otherpackage.tasks.cleanup" in page
    assert f"/admin/failed-tasks/{result.pk}/retry/" not in page
    assert "Tego zadania nie można tu uruchomić ponownie." in response.content.decode()
    assert DBTaskResult.objects.get().status == "FAILED"


def test_failed_tasks_page_runs_the_same_queries_for_3_and_30_tasks(client, db):
    client.force_login(StaffFactory())

    def add(n):
        for i in range(n):
            finished_result(
                task_path="cms.outbox.tasks.requeue_due_emails",
                status="FAILED",
                finished_at=timezone.now(),
                exception_class_path="builtins.OSError",
                traceback=f"OSError: {i}",
            )

    add(3)
    client.get("/admin/failed-tasks/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/failed-tasks/")
    add(27)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/failed-tasks/")

    assert len(response.context["rows"]) == 30
    assert len(many) == len(few)


def test_failed_tasks_page_is_for_staff_only(client, db):
    result = finished_result(
        task_path="cms.jobs.tasks.worker_heartbeat", status="FAILED", finished_at=timezone.now()
    )
    client.force_login(TeacherFactory())

    assert client.get("/admin/failed-tasks/").status_code == 302
    assert client.post(f"/admin/failed-tasks/{result.pk}/retry/").status_code == 302
    assert DBTaskResult.objects.get().status == "FAILED"


def test_old_task_results_are_pruned_but_recent_failures_kept(db, settings):
    settings.TASKS = DB_QUEUE
    now = timezone.now()
    for days, status in [(20, "SUCCESSFUL"), (3, "SUCCESSFUL"), (30, "FAILED"), (100, "FAILED")]:
        finished_result(
            task_path=f"cms.jobs.tasks.t_{status.lower()}_{days}",
            status=status,
            finished_at=now - datetime.timedelta(days=days),
        )

    prune_task_results.call()

    assert sorted(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "cms.jobs.tasks.t_failed_30",
        "cms.jobs.tasks.t_successful_3",
    ]
