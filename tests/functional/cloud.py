"""Functional tests against a real local cloud (emulated Keystone,
Glance, Nova, Neutron over HTTP), reached through the real clients.

`CloudTestCase` starts one LocalCloud per test class. With the `noauth`
strategy the API reaches the cloud as the service user of
[keystone_auth]; with `keystone` it validates the caller's token with
keystonemiddleware against the local identity service and acts as the
caller.
"""

import os
import tempfile

from keystoneauth1 import loading as ks_loading
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
import yaml

from magnum_like.common import clients
from magnum_like.drivers.heat import stack_listing
from magnum_like.localcloud import service as localcloud_service
from tests.functional import base

SERVICE_USER = "magnum-like"

# Resources the default seed lacks: duplicate names, an image with its
# own driver, a network that is not external, a shared network.
EXTRA_SEED = {
    "include_default": True,
    "images": [
        {"name": "dup-image", "os_distro": "fedora-coreos",
         "visibility": "public", "owner": "admin"},
        {"name": "dup-image", "os_distro": "fedora-coreos",
         "visibility": "public", "owner": "admin"},
        {"name": "coreos-with-driver", "os_distro": "fedora-coreos",
         "visibility": "public", "owner": "admin",
         "magnum_driver": "k8s_fedora_coreos_v1"},
        {"name": "coreos-unknown-driver", "os_distro": "fedora-coreos",
         "visibility": "public", "owner": "admin",
         "magnum_driver": "no_such_driver"},
        {"name": "demo-private-image", "os_distro": "fedora-coreos",
         "visibility": "private", "owner": "demo"},
    ],
    "networks": [
        {"name": "dup-net", "project": "demo",
         "subnets": [{"name": "dup-subnet", "cidr": "10.9.1.0/24"}]},
        {"name": "dup-net", "project": "demo",
         "subnets": [{"name": "dup-subnet", "cidr": "10.9.2.0/24"}]},
        {"name": "dup-ext", "project": "admin", "external": True},
        {"name": "dup-ext", "project": "admin", "external": True},
    ],
}


class CloudTestCase(base.FunctionalTestCase):
    start_conductor = False
    cloud = None
    # world.settings of the class's local cloud (e.g. Heat's policy)
    cloud_settings = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        fd, cls._seed_path = tempfile.mkstemp(suffix=".yaml")
        with os.fdopen(fd, "w") as f:
            yaml.safe_dump(EXTRA_SEED, f)
        cls.cloud = localcloud_service.LocalCloud(
            seed_file=cls._seed_path, settings=cls.cloud_settings)
        cls.cloud.start()

    @classmethod
    def tearDownClass(cls):
        cls.cloud.stop()
        os.unlink(cls._seed_path)
        super().tearDownClass()

    def configure(self):
        clients.reset()
        self.addCleanup(clients.reset)
        # the status sync's listing mode belongs to the cloud it met
        stack_listing.reset()
        self.addCleanup(stack_listing.reset)
        self.set_password_auth("keystone_auth", SERVICE_USER)
        if self.auth_strategy == "keystone":
            from keystonemiddleware import auth_token  # noqa: F401
            self.set_password_auth("keystone_authtoken", SERVICE_USER)
            self.config(www_authenticate_uri=self.cloud.auth_url,
                        group="keystone_authtoken")

    def set_password_auth(self, group, username):
        creds = self.cloud.credentials(username)
        # Registered through the fixture so that they are gone after the
        # test: the password plugin's auth_url is a required option.
        self.config_fixture.register_opts(
            ks_loading.get_auth_plugin_conf_options("password"),
            group=group)
        self.config(auth_type="password", group=group)
        for key in ("auth_url", "username", "password", "project_name",
                    "user_domain_name", "project_domain_name"):
            self.config(group=group, **{key: creds[key]})

    # -- identities ------------------------------------------------------
    def project_id(self, name):
        return self.cloud.world.identity.find_project(name)["id"]

    def user_id(self, name):
        return self.cloud.world.identity.find_user(name, "default")["id"]

    def as_user(self, username, project=None, roles="member,reader"):
        """Request headers acting as a seeded user: a real token under
        `keystone`, identity headers under `noauth`."""
        project = project or {"demo": "demo", "alt_demo": "alt_demo",
                              "admin": "admin",
                              "demo_reader": "demo"}.get(username)
        headers = dict(base.LATEST)
        if self.auth_strategy == "keystone":
            headers["X-Auth-Token"] = self.token(username, project)
            return headers
        headers.update({"X-Project-Id": self.project_id(project),
                        "X-User-Id": self.user_id(username),
                        "X-Roles": roles})
        return headers

    def token(self, username, project):
        creds = self.cloud.credentials(username, project_name=project)
        auth = v3.Password(**creds)
        return ks_session.Session(auth=auth).get_token()
