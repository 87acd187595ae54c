"""Background work of certificates: the periodic issuing after events end."""

from django_tasks import task

from . import services


@task()
def issue_due_certificates():
    return services.issue_due_certificates()
