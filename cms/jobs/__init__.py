"""Background jobs: task workers and their heartbeats, the scheduler of periodic tasks, pause points,
monitoring of the queue, and the failed-tasks admin page."""
