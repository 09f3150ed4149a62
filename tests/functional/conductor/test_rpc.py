"""The API's RPC client reaches the in-process conductor over fake://."""

from magnum_like.common import context
from magnum_like.conductor import rpcapi
from tests.functional import base


class TestConductorRPC(base.FunctionalTestCase):
    def test_ping_round_trip(self):
        reply = rpcapi.ConductorAPI(timeout=10).ping(
            context.get_admin_context())
        self.assertEqual({"host": "test-conductor"}, reply)

    def test_stopped_conductor_times_out(self):
        import oslo_messaging as messaging
        self.conductor.stop()
        self.assertRaises(messaging.MessagingTimeout,
                          rpcapi.ConductorAPI(timeout=1).ping,
                          context.get_admin_context())
