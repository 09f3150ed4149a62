"""The periodic-task runner of the conductor (futurist periodics).

Tasks are registered with a spacing in seconds; each runs in the
runner's threads, and an exception in one run is logged without stopping
later runs.
"""

import threading

import futurist
from futurist import periodics
from oslo_log import log as logging

LOG = logging.getLogger(__name__)


def _guarded(name, func):
    def run():
        try:
            func()
        except Exception:
            LOG.exception("Periodic task %s failed", name)
    run.__name__ = name
    return run


class PeriodicRunner:
    def __init__(self, max_workers=4):
        self._tasks = []
        self._worker = None
        self._thread = None
        self._max_workers = max_workers

    def add(self, name, func, spacing, run_immediately=True):
        wrapped = periodics.periodic(
            spacing=spacing, run_immediately=run_immediately)(
                _guarded(name, func))
        self._tasks.append((wrapped, (), {}))

    def start(self):
        if not self._tasks:
            return
        executor = futurist.ThreadPoolExecutor(max_workers=self._max_workers)
        self._worker = periodics.PeriodicWorker(
            self._tasks, executor_factory=lambda: executor)
        self._thread = threading.Thread(target=self._worker.start,
                                        name="periodic-tasks", daemon=True)
        self._thread.start()

    def stop(self):
        if self._worker is not None:
            self._worker.stop()
            self._worker.wait()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._worker = None
        self._thread = None
