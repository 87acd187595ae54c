"""The race harness of the PostgreSQL concurrency tests: each thread has its own connection."""

import threading

from django.db import connections


def run_at_once(attempts, *, outcome=lambda result: result, refusals=(), refusal=str):
    """Run the callables ``attempts`` at once (a barrier releases them together) and return one
    outcome each, in order: ``outcome(result)``; for an exception of the types ``refusals``,
    ``refusal(error)``; for any other exception, ``"error: <type>: <message>"`` (for the
    assertion to show)."""
    barrier = threading.Barrier(len(attempts))
    outcomes = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait()
            outcomes[index] = outcome(attempt())
        except refusals as error:
            outcomes[index] = refusal(error)
        except Exception as error:  # noqa: BLE001 - reported in the caller's assertion
            outcomes[index] = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, attempt)) for i, attempt in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
