"""The real services integration tests need, found on loopback.

Under CI=true a missing service FAILS the test; elsewhere the test is
skipped with a message naming the service. `.ci/run` starts the services
and creates the `magnum_like` users these URLs name.
"""

import os
import socket
import subprocess
import urllib.parse
import uuid

import sqlalchemy as sa

MYSQL_ADMIN_URL = os.environ.get(
    "MAGNUM_LIKE_TEST_MYSQL_URL",
    "mysql+pymysql://magnum_like:magnum_like@127.0.0.1:3306/")
POSTGRESQL_ADMIN_URL = os.environ.get(
    "MAGNUM_LIKE_TEST_POSTGRESQL_URL",
    "postgresql+psycopg2://magnum_like:magnum_like@127.0.0.1:5432/postgres")
# Tests get a vhost of their own on this broker (require_rabbitmq).
RABBIT_URL = os.environ.get(
    "MAGNUM_LIKE_TEST_RABBIT_URL", "rabbit://guest:guest@127.0.0.1:5672/")


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(test, service, reason):
    message = "%s is not available: %s" % (service, reason)
    if in_ci():
        test.fail(message + " (CI=true: integration services must run)")
    test.skipTest(message)


def require_tcp(test, service, host, port):
    try:
        with socket.create_connection((host, port), timeout=3):
            pass
    except OSError as e:
        unavailable(test, service, "%s:%s %s" % (host, port, e))


def rabbitmqctl(*args):
    """rabbitmqctl of this machine's node; its output."""
    return subprocess.run(["rabbitmqctl", "-q"] + list(args),
                          capture_output=True, text=True, check=True,
                          timeout=60).stdout


def rabbit_vhost(url):
    """The vhost a transport URL names ("/" when it names none)."""
    path = urllib.parse.urlsplit(url).path.lstrip("/")
    return urllib.parse.unquote(path) or "/"


def require_rabbitmq(test):
    """The transport URL of a RabbitMQ vhost of this test's own, which
    goes, with every queue and exchange in it, when the test ends (so
    the suite leaves nothing on the shared broker). A URL given by
    MAGNUM_LIKE_TEST_RABBIT_URL is used as it is."""
    require_tcp(test, "RabbitMQ", "127.0.0.1", 5672)
    if "MAGNUM_LIKE_TEST_RABBIT_URL" in os.environ:
        return RABBIT_URL
    vhost = "ml_test_%s" % uuid.uuid4().hex[:12]
    user = urllib.parse.urlsplit(RABBIT_URL).username or "guest"
    try:
        rabbitmqctl("add_vhost", vhost)
    except (OSError, subprocess.SubprocessError) as e:
        unavailable(test, "RabbitMQ (rabbitmqctl, for a vhost per test)",
                    str(e).splitlines()[0] if str(e) else repr(e))
    test.addCleanup(rabbitmqctl, "delete_vhost", vhost)
    rabbitmqctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*")
    return RABBIT_URL.rstrip("/") + "/" + vhost


def _create_database(test, service, admin_url, url_for, create, drop):
    name = "ml_test_%s" % uuid.uuid4().hex[:12]
    try:
        admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(create % name))
    except Exception as e:  # any driver error means "not usable"
        unavailable(test, service, str(e).splitlines()[0])

    def _drop():
        with admin.connect() as conn:
            conn.execute(sa.text(drop % name))
        admin.dispose()
    test.addCleanup(_drop)
    return url_for(name)


def mysql_database(test):
    """A new, empty MariaDB database for this test; its URL."""
    base = sa.engine.make_url(MYSQL_ADMIN_URL)
    return _create_database(
        test, "MariaDB", MYSQL_ADMIN_URL,
        lambda name: base.set(database=name).render_as_string(
            hide_password=False) + "?charset=utf8mb4",
        "CREATE DATABASE %s CHARACTER SET utf8mb4",
        "DROP DATABASE IF EXISTS %s")


def postgresql_database(test):
    base = sa.engine.make_url(POSTGRESQL_ADMIN_URL)
    return _create_database(
        test, "PostgreSQL", POSTGRESQL_ADMIN_URL,
        lambda name: base.set(database=name).render_as_string(
            hide_password=False),
        "CREATE DATABASE %s", "DROP DATABASE IF EXISTS %s WITH (FORCE)")
