import threading

from magnum_like.conductor import periodic
from tests import base


class TestPeriodicRunner(base.TestCase):
    def test_failing_task_keeps_running(self):
        calls = []
        done = threading.Event()

        def task():
            calls.append(1)
            if len(calls) >= 3:
                done.set()
            raise RuntimeError("boom")

        runner = periodic.PeriodicRunner()
        runner.add("flaky", task, spacing=0.01)
        runner.start()
        self.addCleanup(runner.stop)
        self.assertTrue(done.wait(10))
        self.assertGreaterEqual(len(calls), 3)

    def test_stop_without_tasks(self):
        runner = periodic.PeriodicRunner()
        runner.start()
        runner.stop()
