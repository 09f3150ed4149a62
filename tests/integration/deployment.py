"""A multi-process deployment: N API processes (gunicorn), a conductor,
RabbitMQ and a MariaDB database, all real; optionally the local cloud
(`magnum-like-localcloud`) as its OpenStack, with the APIs validating
Keystone tokens against it."""

import json
import os
import subprocess
import urllib.request
import uuid

import fixtures
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
import yaml

from tests import base
from tests.integration import processes
from tests.integration import services


class Deployment(fixtures.Fixture):
    def __init__(self, test, api_count=2, api_workers=2, extra=None,
                 auth_strategy="noauth", localcloud_seed=None,
                 rabbit_url=None):
        """:param rabbit_url: the transport URL of a broker of the test's
            own (private_rabbit); the shared RabbitMQ without it.
        :param localcloud_seed: a seed dict for the local cloud (loaded
            after the default one); starts `magnum-like-localcloud` and
            points [keystone_auth] (and, with auth_strategy keystone,
            [keystone_authtoken]) at it.
        """
        super().__init__()
        self.test = test
        self.localcloud_seed = localcloud_seed
        self.cloud_url = None
        self.api_count = api_count
        self.api_workers = api_workers
        self.extra = extra or {}
        self.auth_strategy = auth_strategy
        self.private_rabbit_url = rabbit_url
        self.apis = []
        self.api_urls = []
        self.conductor = None

    def _setUp(self):
        rabbit = (self.private_rabbit_url or
                  services.require_rabbitmq(self.test))
        database = services.mysql_database(self.test)
        self.database_url = database
        self.workdir = self.useFixture(fixtures.TempDir()).path
        suffix = uuid.uuid4().hex[:8]
        self.conductor_host = "it-conductor-%s" % suffix
        self.conductor_topic = "magnum-like-conductor-%s" % suffix
        self.rabbit_url = rabbit
        sections = {
            "DEFAULT": {"host": self.conductor_host,
                        "transport_url": rabbit,
                        "report_interval": 1, "service_down_time": 6,
                        "state_path": self.workdir, "debug": "true"},
            "conductor": {"topic": self.conductor_topic},
            "database": {"connection": database},
            "api": {"auth_strategy": self.auth_strategy,
                    "workers": self.api_workers},
            "oslo_messaging_rabbit": {"heartbeat_timeout_threshold": 15},
            "certificates": {"encryption_key": base.TEST_ENCRYPTION_KEY},
        }
        if self.localcloud_seed is not None:
            self._start_localcloud(sections)
        for section, values in self.extra.items():
            sections.setdefault(section, {}).update(values)
        self.config = processes.write_config(
            os.path.join(self.workdir, "magnum-like.conf"), sections)
        subprocess.run(
            [os.path.join(processes.BIN, "magnum-like-db-manage"),
             "--config-file", self.config, "upgrade"],
            check=True, capture_output=True)
        self.start_conductor()
        for index in range(self.api_count):
            self._start_api(index)

    def _start_localcloud(self, sections):
        port = processes.free_port()
        coe_port = processes.free_port()
        self.cloud_admin_token = uuid.uuid4().hex
        seed = dict(self.localcloud_seed, include_default=True)
        seed_path = os.path.join(self.workdir, "localcloud-seed.yaml")
        with open(seed_path, "w") as f:
            yaml.safe_dump(seed, f)
        config = processes.write_config(
            os.path.join(self.workdir, "localcloud.conf"),
            {"localcloud": {"host": "127.0.0.1", "port": port,
                            "coe_proxy_port": coe_port,
                            "seed_file": seed_path,
                            "admin_token": self.cloud_admin_token}})
        self.localcloud = self.useFixture(processes.ServiceProcess(
            self.test, "localcloud",
            ["magnum-like-localcloud", "--config-file", config],
            self.workdir))
        self.cloud_url = "http://127.0.0.1:%d" % port
        self.auth_url = self.cloud_url + "/identity/v3"
        processes.wait_for(
            lambda: processes.http_ok(self.auth_url), 60,
            what="local cloud at %s" % self.cloud_url)
        service_user = {
            "auth_type": "password", "auth_url": self.auth_url,
            "username": "magnum-like", "password": "magnum-like-secret",
            "project_name": "service", "user_domain_name": "Default",
            "project_domain_name": "Default"}
        sections["keystone_auth"] = dict(service_user)
        # The clusters' APIs are reached through the local cloud's gateway.
        self.coe_proxy_url = "http://127.0.0.1:%d" % coe_port
        sections["cluster_health"] = {"api_proxy": self.coe_proxy_url}
        sections["trust"] = dict(base.TRUST_OPTIONS)
        if self.auth_strategy == "keystone":
            sections["keystone_authtoken"] = dict(
                service_user, www_authenticate_uri=self.auth_url)

    def token(self, username, password, project):
        """A token of the local cloud for a seeded user."""
        auth = v3.Password(
            auth_url=self.auth_url, username=username, password=password,
            project_name=project, user_domain_name="Default",
            project_domain_name="Default")
        return ks_session.Session(auth=auth).get_token()

    def cloud_admin(self, method, path, body=None):
        """The local cloud's admin API (/localcloud/admin): summaries and
        fault injection."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            "%s/localcloud/admin%s" % (self.cloud_url, path), data=data,
            method=method, headers={"X-Admin-Token": self.cloud_admin_token,
                                    "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def cloud_cli(self, username, password, project, *args):
        """`openstack ...` against the local cloud as a seeded user."""
        return processes.openstack(list(args), env={
            "OS_AUTH_URL": self.auth_url, "OS_USERNAME": username,
            "OS_PASSWORD": password, "OS_PROJECT_NAME": project,
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_NAME": "Default",
            "OS_IDENTITY_API_VERSION": "3", "OS_AUTH_TYPE": "password"})

    def coe_with_token(self, api_index, token, *args, json_output=True,
                       env=None):
        """`openstack coe ...` with a Keystone token, against one API."""
        return processes.openstack(
            ["--os-auth-type", "admin_token", "--os-token", token,
             "--os-endpoint", self.api_urls[api_index], "coe"] +
            list(args), json_output=json_output, env=env)

    def start_conductor(self):
        self.conductor = self.useFixture(processes.ServiceProcess(
            self.test, "conductor",
            ["magnum-like-conductor", "--config-file", self.config],
            self.workdir))
        return self.conductor

    def _start_api(self, index):
        port = processes.free_port()
        own = processes.write_config(
            os.path.join(self.workdir, "api-%d.conf" % index),
            {"api": {"host": "127.0.0.1", "port": port}})
        api = self.useFixture(processes.ServiceProcess(
            self.test, "api-%d" % index,
            ["magnum-like-api", "--config-file", self.config,
             "--config-file", own], self.workdir))
        url = "http://127.0.0.1:%d" % port
        processes.wait_for(lambda: processes.http_ok(url + "/"), 60,
                           what="API %d at %s" % (index, url))
        self.apis.append(api)
        self.api_urls.append(url)

    def coe(self, api_index, *args, env=None):
        """`openstack coe ...` against one API process: without auth, or
        with the OS_* variables of `env` (the catalog names the API)."""
        if env is not None:
            return processes.openstack(["coe"] + list(args), env=env)
        return processes.openstack(
            ["--os-auth-type", "none", "--os-endpoint",
             self.api_urls[api_index], "coe"] + list(args))
