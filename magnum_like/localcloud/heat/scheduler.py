"""A single-threaded timer scheduler that runs generator tasks.

Every stack action is a set of generator tasks.  A task yields a number
of seconds to sleep or a ``Future`` to wait for; the scheduler thread
steps it under the engine lock, so all stack state is changed by one
thread at a time while API threads read it under the same lock.
Thousands of simulated resources cost heap entries, not threads.
"""

import heapq
import itertools
import logging
import threading
import time

LOG = logging.getLogger(__name__)


class Cancelled(Exception):
    """The task was cancelled (stack deleted, timed out)."""


class Future:
    def __init__(self):
        self.done = False
        self.result = None
        self.error = None
        self._callbacks = []

    def set_result(self, value=None):
        self._finish(value, None)

    def set_error(self, exc):
        self._finish(None, exc)

    def _finish(self, value, exc):
        if self.done:
            return
        self.done, self.result, self.error = True, value, exc
        callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback(self)

    def add_done_callback(self, callback):
        if self.done:
            callback(self)
        else:
            self._callbacks.append(callback)


class Task:
    def __init__(self, scheduler, gen, name):
        self.scheduler = scheduler
        self.gen = gen
        self.name = name
        self.future = Future()
        self.cancelled = False

    def step(self, value=None, exc=None):
        if self.cancelled or self.future.done:
            return
        try:
            if exc is not None:
                yielded = self.gen.throw(exc)
            else:
                yielded = self.gen.send(value)
        except StopIteration as stop:
            self.future.set_result(stop.value)
            return
        except Exception as err:  # a resource failure ends the task
            self.future.set_error(err)
            return
        self._wait(yielded)

    def _wait(self, yielded):
        if isinstance(yielded, Future):
            yielded.add_done_callback(
                lambda f: self.scheduler.call_soon(
                    self.step, f.result, f.error))
        else:
            self.scheduler.call_later(float(yielded or 0), self.step)

    def cancel(self):
        if self.future.done or self.cancelled:
            return
        self.cancelled = True
        try:
            self.gen.close()
        except Exception:  # noqa: BLE001 - a task's cleanup must not leak
            LOG.exception("error closing task %s", self.name)
        self.future.set_error(Cancelled(self.name))


class Scheduler:
    def __init__(self, lock):
        self.lock = lock
        self._heap = []
        self._seq = itertools.count()
        self._cond = threading.Condition(threading.Lock())
        self._thread = None
        self._stopped = False

    def start(self):
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="heat-scheduler", daemon=True)
            self._thread.start()

    def stop(self):
        with self._cond:
            self._stopped = True
            self._cond.notify()

    def call_later(self, delay, func, *args):
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + max(delay, 0),
                                        next(self._seq), func, args))
            self._cond.notify()

    def call_soon(self, func, *args):
        self.call_later(0, func, *args)

    def spawn(self, gen, name="task"):
        task = Task(self, gen, name)
        self.call_soon(task.step)
        return task

    def _next(self):
        with self._cond:
            while not self._stopped:
                now = time.monotonic()
                if self._heap and self._heap[0][0] <= now:
                    return heapq.heappop(self._heap)
                wait = self._heap[0][0] - now if self._heap else None
                self._cond.wait(wait)
            return None

    def _run(self):
        while True:
            item = self._next()
            if item is None:
                return
            _, _, func, args = item
            with self.lock:
                try:
                    func(*args)
                except Exception:  # noqa: BLE001 - keep the loop alive
                    LOG.exception("heat scheduler callback failed")
