"""The deployment the conformance suite runs against, as an operator
would build it: a REAL Keystone (PyPI `keystone`) whose catalog names
magnum-like-api (container-infra) and the local cloud's Nova, Glance,
Neutron, Heat, Octavia and Barbican; the local cloud accepts that
Keystone's tokens (`[localcloud] external_identity_url`); the API
(gunicorn workers) and a conductor run as separate processes over
RabbitMQ and MariaDB."""

import os
import uuid

import fixtures
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from tests import base
from tests.integration import deployment
from tests.integration import memcached
from tests.integration import processes
from tests.integration import real_keystone

# (type, name, path below the local cloud's URL): its devstack layout.
CLOUD_SERVICES = (
    ("image", "glance", "/image"),
    ("compute", "nova", "/compute/v2.1"),
    ("network", "neutron", "/network"),
    ("orchestration", "heat", "/heat-api/v1/$(project_id)s"),
    ("load-balancer", "octavia", "/load-balancer"),
    ("key-manager", "barbican", "/key-manager"),
)


class ConformanceCloud(fixtures.Fixture):
    def __init__(self, test, api_workers=2, extra=None):
        super().__init__()
        self.test = test
        self.api_workers = api_workers
        self.extra = extra or {}

    def _setUp(self):
        self.keystone = self.useFixture(real_keystone.RealKeystone(self.test))
        self.admin = ks_session.Session(auth=v3.Password(
            auth_url=self.keystone.auth_url, username="admin",
            password=real_keystone.ADMIN_PASSWORD, project_name="admin",
            user_domain_name="Default", project_domain_name="Default"))
        self._trustee_domain()
        # Two API workers share keystonemiddleware's token cache (its
        # default 300 s) in memcached, as a production deployment does;
        # the local cloud's services read it too, as devstack's do.
        self.cache = self.useFixture(memcached.Memcached(self.test))
        self._start_localcloud()
        authtoken = dict(self.keystone.authtoken_options(),
                         memcached_servers=self.cache.server)
        del authtoken["token_cache_time"]
        admin = {
            "auth_type": "password", "auth_url": self.keystone.auth_url,
            "username": "admin", "password": real_keystone.ADMIN_PASSWORD,
            "project_name": "admin", "user_domain_name": "Default",
            "project_domain_name": "Default"}
        extra = {"keystone_authtoken": authtoken,
                 "keystone_auth": admin, "trust": dict(base.TRUST_OPTIONS)}
        for section, values in self.extra.items():
            extra.setdefault(section, {}).update(values)
        self.deploy = self.useFixture(deployment.Deployment(
            self.test, api_count=1, api_workers=self.api_workers,
            auth_strategy="keystone", extra=extra))
        self.api_url = self.deploy.api_urls[0]
        self._register("container-infra", "magnum", self.api_url + "/v1")
        for stype, name, path in CLOUD_SERVICES:
            self._register(stype, name, self.cloud_url + path)

    def _post(self, path, body):
        resp = self.admin.post(self.keystone.auth_url + path, json=body,
                               raise_exc=True)
        return resp.json()

    def _register(self, service_type, name, url):
        service = self._post("/services", {"service": {
            "type": service_type, "name": name}})["service"]
        self._post("/endpoints", {"endpoint": {
            "service_id": service["id"], "interface": "public",
            "region_id": "RegionOne", "url": url}})

    def _trustee_domain(self):
        """[trust]'s domain and its admin, in the real Keystone."""
        opts = base.TRUST_OPTIONS
        domain = self._post("/domains", {"domain": {
            "name": opts["trustee_domain_name"]}})["domain"]
        user = self._post("/users", {"user": {
            "name": opts["trustee_domain_admin_name"],
            "domain_id": domain["id"],
            "password": opts["trustee_domain_admin_password"]}})["user"]
        roles = self.admin.get(self.keystone.auth_url + "/roles?name=admin",
                               raise_exc=True).json()["roles"]
        self.admin.put(self.keystone.auth_url +
                       "/domains/%s/users/%s/roles/%s" % (
                           domain["id"], user["id"], roles[0]["id"]),
                       raise_exc=True)

    def _start_localcloud(self):
        workdir = self.useFixture(fixtures.TempDir()).path
        port = processes.free_port()
        config = processes.write_config(
            os.path.join(workdir, "localcloud.conf"),
            {"localcloud": {"host": "127.0.0.1", "port": port,
                            "admin_token": uuid.uuid4().hex,
                            "external_identity_url":
                                self.keystone.auth_url,
                            "external_token_cache_servers":
                                self.cache.server}})
        self.localcloud = self.useFixture(processes.ServiceProcess(
            self.test, "localcloud",
            ["magnum-like-localcloud", "--config-file", config], workdir))
        self.cloud_url = "http://127.0.0.1:%d" % port
        processes.wait_for(
            lambda: processes.http_ok(self.cloud_url + "/identity/v3"), 60,
            what="local cloud at %s" % self.cloud_url)
