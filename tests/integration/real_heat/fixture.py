"""Real heat-api and heat-engine processes on the local cloud.

`RealHeat.seed(port)` is what the local cloud needs to host Heat: the
`heat` service user, the `heat` stack-user domain with its admin, Heat's
roles, and the catalog's `orchestration` entry pointing at the real
heat-api (the local cloud's own Heat is then unused). Once the local
cloud runs, the fixture gives Heat a private RabbitMQ vhost on the
system broker and a MariaDB database of its own, writes heat.conf, runs
`heat-manage db_sync` and starts `heat-engine` and `heat-wsgi-api`.
Under CI=true anything missing fails the test (services.unavailable).
"""

import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid

import fixtures

from tests.integration import processes
from tests.integration import services
from tests.integration.real_heat import venv

HEAT_PASSWORD = "heat-service-secret"
DOMAIN_ADMIN_PASSWORD = "heat-domain-admin-secret"


def seed(port):
    """Seed additions (include_default) for a real Heat on `port`."""
    return {
        "include_default": True,
        "domains": [{"name": "heat",
                     "description": "Owns Heat's stack users"}],
        "roles": ["heat_stack_user", "heat_stack_owner"],
        "users": [
            {"name": "heat", "password": HEAT_PASSWORD, "domain": "Default",
             "default_project": "service",
             "roles": [{"project": "service", "role": "admin"},
                       {"project": "service", "role": "service"}]},
            {"name": "heat_domain_admin",
             "password": DOMAIN_ADMIN_PASSWORD, "domain": "heat",
             "roles": [{"domain": "heat", "role": "admin"}]},
        ],
        "services": [{"type": "orchestration", "name": "heat",
                      "url": "http://127.0.0.1:%d/v1/$(project_id)s"
                             % port}],
    }


def long_timeout(test):
    """Real Heat takes minutes where the local cloud takes seconds: a
    test timeout of MAGNUM_LIKE_REAL_HEAT_TIMEOUT (900) seconds."""
    test.useFixture(fixtures.Timeout(
        int(os.environ.get("MAGNUM_LIKE_REAL_HEAT_TIMEOUT", "900")),
        gentle=True))


def _rabbitmqctl(*args):
    return subprocess.run(["rabbitmqctl", "-q"] + list(args),
                          capture_output=True, text=True, timeout=60)


class RealHeat(fixtures.Fixture):
    def __init__(self, test, port, auth_url, region="RegionOne",
                 global_index=True):
        super().__init__()
        self.test = test
        self.port = port
        self.auth_url = auth_url
        self.region = region
        self.url = "http://127.0.0.1:%d" % port
        self.global_index = global_index

    def _setUp(self):
        try:
            self.bin = venv.ensure_venv()
        except Exception as e:  # no PyPI, no python3-venv...
            services.unavailable(self.test, "openstack-heat venv", str(e))
        # MAGNUM_LIKE_REAL_HEAT_LOGS=<dir> keeps heat.conf and the logs.
        keep = os.environ.get("MAGNUM_LIKE_REAL_HEAT_LOGS")
        self.dir = (self.useFixture(fixtures.TempDir()).path if not keep
                    else self._kept_dir(keep))
        conf = self._write_config(self._vhost(),
                                  services.mysql_database(self.test))
        self._run("heat-manage", "--config-file", conf, "db_sync")
        self.engine = self.useFixture(processes.ServiceProcess(
            self.test, "heat-engine",
            [os.path.join(self.bin, "heat-engine"), "--config-file", conf],
            self.dir))
        self.api = self.useFixture(processes.ServiceProcess(
            self.test, "heat-api",
            [os.path.join(self.bin, "heat-wsgi-api"), "--host",
             "127.0.0.1", "--port", str(self.port), "--", "--config-file",
             conf], self.dir))
        try:
            processes.wait_for(self._api_up, 90,
                               what="heat-api at %s" % self.url)
            # A request cast before the engine's queue exists is lost
            # (RabbitMQ drops what no queue takes): wait for the queue.
            processes.wait_for(self._engine_listening, 90,
                               what="heat-engine's queue")
        except AssertionError as e:
            raise AssertionError("%s\n%s\n%s" % (
                e, self.api.log()[-3000:], self.engine.log()[-3000:]))

    def _engine_listening(self):
        run = _rabbitmqctl("list_queues", "-p", self.vhost, "name")
        return "engine" in run.stdout.split()

    def _api_up(self):
        """heat-api answers its version document (300 Multiple Choices)."""
        try:
            with urllib.request.urlopen(self.url + "/", timeout=2):
                return True
        except urllib.error.HTTPError as e:
            return e.code == 300
        except OSError:
            return False

    @staticmethod
    def _kept_dir(root):
        path = os.path.join(root, uuid.uuid4().hex[:8])
        os.makedirs(path)
        return path

    def _run(self, name, *args):
        run = subprocess.run([os.path.join(self.bin, name)] + list(args),
                             capture_output=True, text=True, cwd=self.dir)
        if run.returncode != 0:
            raise AssertionError("%s failed: %s%s" % (name, run.stdout,
                                                      run.stderr))

    def _vhost(self):
        services.require_tcp(self.test, "RabbitMQ", "127.0.0.1", 5672)
        vhost = "ml_heat_%s" % uuid.uuid4().hex[:10]
        run = _rabbitmqctl("add_vhost", vhost)
        if run.returncode != 0:
            services.unavailable(self.test, "a RabbitMQ vhost",
                                 run.stderr or run.stdout)
        self.addCleanup(_rabbitmqctl, "delete_vhost", vhost)
        self.vhost = vhost
        _rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*",
                     ".*")
        # Heat's own vhost on the broker the suite uses (not inside the
        # per-test vhost require_rabbitmq makes: vhosts do not nest).
        base = urllib.parse.urlsplit(services.RABBIT_URL)
        return urllib.parse.urlunsplit(base._replace(path="/" + vhost))

    def _write_config(self, transport_url, database):
        service = {"auth_type": "password", "auth_url": self.auth_url,
                   "username": "heat", "password": HEAT_PASSWORD,
                   "user_domain_name": "Default"}
        paste = os.path.join(os.path.dirname(self.bin), "etc", "heat",
                             "api-paste.ini")
        return processes.write_config(os.path.join(self.dir, "heat.conf"), {
            "DEFAULT": {
                "transport_url": transport_url, "debug": "true",
                "num_engine_workers": 1,
                "region_name_for_services": self.region,
                "heat_metadata_server_url": self.url,
                "heat_waitcondition_server_url":
                    self.url + "/v1/waitcondition",
                "deferred_auth_method": "trusts",
                "stack_user_domain_name": "heat",
                "stack_domain_admin": "heat_domain_admin",
                "stack_domain_admin_password": DOMAIN_ADMIN_PASSWORD,
                "use_stderr": "true",
                # Previews of whole cluster templates on a loaded CI
                # machine take longer than oslo.messaging's 60 s.
                "rpc_response_timeout": 300},
            "database": {"connection": database},
            "keystone_authtoken": dict(
                service, project_name="service",
                project_domain_name="Default",
                www_authenticate_uri=self.auth_url,
                service_token_roles_required="false",
                interface="public"),
            "clients_keystone": {"auth_uri": self.auth_url},
            "clients": {"endpoint_type": "publicURL"},
            "trustee": service,
            "oslo_messaging_notifications": {"driver": "noop"},
            "paste_deploy": {"api_paste_config": paste},
            "oslo_policy": {"enforce_new_defaults": "false",
                            "policy_file": self._policy()},
        })

    def _policy(self):
        """Heat's policy file: the defaults, plus (unless the test wants
        Heat's default policy) `stacks:global_index` for admins, as an
        operator grants it for the service's one-call status sync."""
        path = os.path.join(self.dir, "policy.yaml")
        with open(path, "w") as f:
            if self.global_index:
                f.write('"stacks:global_index": "role:admin"\n')
        return path

    def heat_env(self, username, password, project):
        """OS_* variables for `openstack stack ...` (the Heat venv's)."""
        return {"OS_AUTH_URL": self.auth_url, "OS_USERNAME": username,
                "OS_PASSWORD": password, "OS_PROJECT_NAME": project,
                "OS_USER_DOMAIN_NAME": "Default",
                "OS_PROJECT_DOMAIN_NAME": "Default",
                "OS_IDENTITY_API_VERSION": "3", "OS_AUTH_TYPE": "password",
                "OS_REGION_NAME": self.region}
