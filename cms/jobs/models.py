from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskWorker(models.Model):
    """A running ``manage.py db_worker`` process, known by the heartbeat it writes.

    The worker registers itself before it claims its first task and a background thread refreshes
    ``last_seen`` every few seconds, also while a long task runs. A worker killed outright
    (``kill -9``, power loss) stops refreshing; once ``last_seen`` is older than
    ``EDUFEST_WORKER_LOST_SECONDS`` the tasks it left in the running state are queued again
    (``cms.jobs.workers.recover_stale_tasks``). A worker that stops cleanly deletes its row.
    """

    worker_id = models.CharField(_("worker id"), max_length=64, unique=True)
    hostname = models.CharField(_("host name"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        app_label = "cms"
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
