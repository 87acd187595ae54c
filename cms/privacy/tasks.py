from django_tasks import task

from . import services


@task()
def purge_expired_exports():
    return services.purge_expired_exports()
