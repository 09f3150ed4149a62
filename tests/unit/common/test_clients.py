"""Client sessions and the mapping of client failures."""

from glanceclient import exc as glance_exc
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from neutronclient.common import exceptions as neutron_exc
from novaclient import exceptions as nova_exc

from magnum_like.common import clients
from magnum_like.common import context
from magnum_like.common import exceptions
from tests import base


class FakeUserAuth:
    """Stands in for keystonemiddleware's plugin (a process boundary)."""


class TestSessions(base.TestCase):
    def setUp(self):
        super().setUp()
        clients.reset()
        self.addCleanup(clients.reset)

    def test_caller_auth_wins(self):
        auth = FakeUserAuth()
        ctx = context.RequestContext(user_auth=auth)
        self.assertIs(auth, clients.session(ctx, "glance").auth)
        self.assertNotIn("user_auth", ctx.to_dict())

    def test_service_credentials_without_caller_auth(self):
        self.config_fixture.register_opts(
            ks_loading.get_auth_plugin_conf_options("password"),
            group="keystone_auth")
        self.config(auth_type="password", auth_url="http://k/v3",
                    username="svc", password="pw", project_name="service",
                    user_domain_name="Default",
                    project_domain_name="Default", group="keystone_auth")
        sess = clients.session(context.RequestContext(), "nova")
        self.assertEqual("svc", sess.auth._username)
        self.assertIs(sess.auth, clients.service_auth())

    def test_no_service_credentials_is_503(self):
        error = self.assertRaises(exceptions.ServiceUnavailable,
                                  clients.session,
                                  context.RequestContext(), "glance")
        self.assertIn("[keystone_auth]", str(error))

    def test_per_service_tls_options(self):
        ctx = context.RequestContext(user_auth=FakeUserAuth())
        self.config(insecure=True, group="glance_client")
        self.assertIs(False, clients.session(ctx, "glance").verify)
        self.config(ca_file="/ca.pem", group="nova_client")
        self.assertEqual("/ca.pem", clients.session(ctx, "nova").verify)


class TestFailures(base.TestCase):
    def raised(self, error):
        def run():
            with clients.unavailable_on_failure("glance"):
                raise error
        return run

    def test_outages_are_503(self):
        for error in (ks_exc.ConnectFailure("refused"),
                      ks_exc.EndpointNotFound("no image service"),
                      ks_exc.Unauthorized("bad password"),
                      glance_exc.HTTPInternalServerError("boom"),
                      glance_exc.CommunicationError("down"),
                      nova_exc.ClientException(503, "busy"),
                      neutron_exc.NeutronClientException(status_code=502)):
            raised = self.assertRaises(exceptions.ServiceUnavailable,
                                       self.raised(error))
            self.assertEqual(503, raised.code)
            self.assertNotIn("password", str(raised))

    def test_other_client_errors_are_400(self):
        for error in (glance_exc.HTTPBadRequest("no"),
                      neutron_exc.NeutronClientException(status_code=400)):
            raised = self.assertRaises(exceptions.Invalid,
                                       self.raised(error))
            self.assertEqual(400, raised.code)

    def test_typed_errors_pass_through(self):
        self.assertRaises(exceptions.ImageNotFound, self.raised(
            exceptions.ImageNotFound(image_id="x")))
        self.assertRaises(ZeroDivisionError, self.raised(ZeroDivisionError()))
