"""Trustee users and trusts of clusters (facts §10.1 "Trusts", as
Magnum ≤ 22 did them), through Keystone's REST API on keystoneauth
sessions.

* The trustee `<cluster uuid>_<project id>` lives in [trust]
  trustee_domain_*, created by that domain's admin with a random
  password (stored encrypted on the cluster row, never logged).
* The trust goes from the caller (the cluster's owner) to the trustee on
  the cluster's project, impersonation on, no redelegation; roles are
  [trust] roles or the caller's.
* Both are deleted with the cluster (trust with the service
  credentials, user by the domain admin); 404s are fine.
"""

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1.identity import v3
from oslo_config import cfg
from oslo_log import log as logging

from magnum_like.common import clients
from magnum_like.common import crypto
from magnum_like.common import exceptions
from magnum_like.conductor import cloud

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

FIELDS = ("trustee_username", "trustee_user_id", "trustee_password",
          "trust_id")


def trustee_name(cluster):
    return "%s_%s" % (cluster.uuid, cluster.project_id)


def _domain_admin_auth():
    opts = CONF.trust
    if not opts.trustee_domain_admin_password or not (
            opts.trustee_domain_admin_id or opts.trustee_domain_admin_name):
        raise exceptions.TrustCreateFailed(
            cluster="-", reason="[trust] trustee domain admin credentials "
                                "are not configured")
    user_domain = {"user_domain_id": opts.trustee_domain_admin_domain_id or
                   opts.trustee_domain_id,
                   "user_domain_name": opts.trustee_domain_admin_domain_name
                   or opts.trustee_domain_name}
    if user_domain["user_domain_id"]:
        user_domain.pop("user_domain_name")
    else:
        user_domain.pop("user_domain_id")
    return v3.Password(
        auth_url=cloud.auth_url(), user_id=opts.trustee_domain_admin_id,
        username=None if opts.trustee_domain_admin_id
        else opts.trustee_domain_admin_name,
        password=opts.trustee_domain_admin_password,
        domain_id=opts.trustee_domain_id,
        domain_name=None if opts.trustee_domain_id
        else opts.trustee_domain_name,
        **user_domain)


class Identity:
    """Keystone calls of the trustee domain admin and the service."""

    def __init__(self):
        self.admin = cloud.session_for(_domain_admin_auth())
        self.url = cloud.auth_url()

    def domain_id(self):
        if CONF.trust.trustee_domain_id:
            return CONF.trust.trustee_domain_id
        return self.admin.auth.get_access(self.admin).domain_id

    def find_user(self, name):
        resp = self.admin.get(self.url + "/users", params={
            "name": name, "domain_id": self.domain_id()})
        users = resp.json()["users"]
        return users[0]["id"] if users else None

    def create_user(self, name, password):
        body = {"user": {"name": name, "password": password,
                         "domain_id": self.domain_id(), "enabled": True}}
        return self.admin.post(self.url + "/users",
                               json=body).json()["user"]["id"]

    def set_password(self, user_id, password):
        self.admin.patch(self.url + "/users/%s" % user_id,
                         json={"user": {"password": password}})

    def delete_user(self, user_id):
        self.admin.delete(self.url + "/users/%s" % user_id,
                          raise_exc=False)

    def delete_trust(self, trust_id):
        service = cloud.session_for(clients.service_auth())
        resp = service.delete(self.url + "/OS-TRUST/trusts/%s" % trust_id,
                              raise_exc=False)
        if resp.status_code not in (204, 404):
            LOG.warning("Keystone answered %s deleting trust %s",
                        resp.status_code, trust_id)


def _create_trust(clients_, project_id, trustee_user_id):
    roles = CONF.trust.roles or clients_.role_names()
    body = {"trust": {"trustor_user_id": clients_.user_id(),
                      "trustee_user_id": trustee_user_id,
                      "project_id": project_id, "impersonation": True,
                      "allow_redelegation": False,
                      "roles": [{"name": r} for r in roles]}}
    resp = clients_.session.post(cloud.auth_url() + "/OS-TRUST/trusts",
                                 json=body)
    return resp.json()["trust"]["id"]


def _failed(cluster, error):
    LOG.warning("Trust of cluster %s: %s", cluster.uuid, error)
    reason = "Keystone answered HTTP %s" % getattr(error, "http_status",
                                                   "error")
    if isinstance(error, ks_exc.ConnectFailure):
        reason = "Keystone could not be reached"
    return exceptions.TrustCreateFailed(cluster=cluster.uuid, reason=reason)


def ensure(cluster, clients_):
    """The trust fields of the cluster, created when missing (the
    trustee is reused when a previous attempt created it). Returns
    (column values, clear password)."""
    if cluster.trust_id and cluster.trustee_user_id:
        return {}, crypto.decrypt(cluster.trustee_password)
    if not clients_.as_caller:
        raise exceptions.TrustCreateFailed(
            cluster=cluster.uuid, reason="a trust can only be created "
            "from the request of the cluster's owner")
    try:
        identity = Identity()
        name = trustee_name(cluster)
        password = crypto.random_password()
        user_id = identity.find_user(name)
        if user_id:
            identity.set_password(user_id, password)
        else:
            user_id = identity.create_user(name, password)
        trust_id = _create_trust(clients_, cluster.project_id, user_id)
    except ks_exc.ClientException as e:
        raise _failed(cluster, e)
    return {"trustee_username": name, "trustee_user_id": user_id,
            "trustee_password": crypto.encrypt(password),
            "trust_id": trust_id}, password


def rotate(cluster, clients_):
    """A new password and a new trust from the caller; the old trust is
    deleted. Returns the column values."""
    try:
        identity = Identity()
        password = crypto.random_password()
        identity.set_password(cluster.trustee_user_id, password)
        trust_id = _create_trust(clients_, cluster.project_id,
                                 cluster.trustee_user_id)
        if cluster.trust_id:
            identity.delete_trust(cluster.trust_id)
    except ks_exc.ClientException as e:
        raise _failed(cluster, e)
    return {"trustee_password": crypto.encrypt(password),
            "trust_id": trust_id}


def delete(cluster):
    """Delete the cluster's trust and trustee user (idempotent)."""
    if not (cluster.trust_id or cluster.trustee_user_id):
        return
    try:
        identity = Identity()
        if cluster.trust_id:
            identity.delete_trust(cluster.trust_id)
        if cluster.trustee_user_id:
            identity.delete_user(cluster.trustee_user_id)
    except (ks_exc.ClientException, exceptions.TrustCreateFailed) as e:
        LOG.warning("Could not delete the trust or trustee of cluster %s: "
                    "%s", cluster.uuid, e)
