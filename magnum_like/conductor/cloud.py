"""The cloud as one cluster operation sees it: whose credentials, which
endpoints, and the few look-ups the drivers need.

Credentials: a cast carries the caller's context with its token, so an
operation acts as the caller (a token plugin re-scoped to the cluster's
project). Work without a caller (reconciliation after a lost cast) acts
through the cluster's trust: the trustee, impersonating the owner.
"""

import re
import time

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from keystoneauth1.identity import v3
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import uuidutils

from magnum_like.common import clients
from magnum_like.common import crypto
from magnum_like.common import exceptions
from magnum_like.common import network_rules
from magnum_like.drivers.heat import heat_client

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def auth_url():
    """The identity v3 URL of the service's [keystone_auth]."""
    url = getattr(clients.service_auth(), "auth_url", None)
    if not url:
        raise exceptions.ServiceUnavailable(
            reason="[keystone_auth] auth_url is not configured")
    url = url.rstrip("/")
    return url if url.endswith("/v3") else url + "/v3"


def caller_auth(context, project_id):
    return v3.Token(auth_url=auth_url(), token=context.auth_token,
                    project_id=project_id)


def trustee_auth(cluster):
    return v3.Password(auth_url=auth_url(),
                       user_id=cluster.trustee_user_id,
                       password=crypto.decrypt(cluster.trustee_password),
                       trust_id=cluster.trust_id)


def session_for(auth):
    return ks_loading.load_session_from_conf_options(
        CONF, "keystone_auth", auth=auth)


class _AuthContext:
    """What common/clients.py reads from a context."""

    def __init__(self, auth):
        self.user_auth = auth


class ClusterClients:
    """Clients acting for one cluster (as the caller or its trustee)."""

    def __init__(self, context, cluster):
        self.cluster = cluster
        if getattr(context, "auth_token", None):
            self.auth = caller_auth(context, cluster.project_id)
            self.as_caller = True
        elif cluster.trust_id and cluster.trustee_user_id:
            self.auth = trustee_auth(cluster)
            self.as_caller = False
        else:
            raise exceptions.NotAuthorized(
                "The request carried no Keystone token and cluster %s has "
                "no trust to act through." % cluster.uuid)
        self._ctx = _AuthContext(self.auth)
        self._cache = {}
        self.auth_url = auth_url()
        self.region_name = CONF.keystone_auth.region_name \
            if hasattr(CONF.keystone_auth, "region_name") else None
        self.caller_context = context

    @property
    def session(self):
        if "session" not in self._cache:
            self._cache["session"] = session_for(self.auth)
        return self._cache["session"]

    def _client(self, name):
        if name not in self._cache:
            self._cache[name] = getattr(clients, name)(self._ctx)
        return self._cache[name]

    def heat(self):
        if "stacks" not in self._cache:
            self._cache["stacks"] = heat_client.HeatStacks(
                self._client("heat"), CONF.cluster_heat.stack_list_page_size)
        return self._cache["stacks"]

    def nova(self):
        return self._client("nova")

    def neutron(self):
        return self._client("neutron")

    # -- identity ------------------------------------------------------
    def user_id(self):
        return self.auth.get_user_id(self.session)

    def role_names(self):
        return list(self.auth.get_access(self.session).role_names)

    def _endpoint(self, service_type, group):
        opts = getattr(CONF, group)
        try:
            return self.session.get_endpoint(
                service_type=service_type, interface=opts.endpoint_type,
                region_name=opts.region_name)
        except ks_exc.EndpointNotFound:
            return None

    def magnum_url(self):
        """The container-infra endpoint nodes call back (certificates);
        from the catalog, else the API's own address."""
        url = self._endpoint("container-infra", "magnum_client")
        if url:
            return url
        LOG.warning("No container-infra endpoint in the catalog; nodes "
                    "will use http://%s:%s/v1", CONF.api.host,
                    CONF.api.port)
        return "http://%s:%s/v1" % (CONF.api.host, CONF.api.port)

    def octavia(self):
        """A keystoneauth adapter to Octavia, None without Octavia."""
        if "octavia" not in self._cache:
            url = self._endpoint("load-balancer", "octavia_client")
            self._cache["octavia"] = ks_adapter.Adapter(
                self.session, endpoint_override=url) if url else None
        return self._cache["octavia"]

    def octavia_enabled(self):
        return self.octavia() is not None

    # -- look-ups the Heat drivers need --------------------------------
    def keypair_public_key(self, name):
        if not name:
            return ""
        with clients.unavailable_on_failure("nova"):
            from novaclient import exceptions as nova_exc
            try:
                return self.nova().keypairs.get(name).public_key
            except nova_exc.NotFound:
                raise exceptions.KeyPairNotFound(keypair=name)

    def network(self, ident, external=False):
        """{"id", "name"} of a Neutron network named or id'd `ident`."""
        with clients.unavailable_on_failure("neutron"):
            key = "id" if uuidutils.is_uuid_like(ident) else "name"
            query = {key: ident}
            if external:
                query["router:external"] = True
            nets = self.neutron().list_networks(**query)["networks"]
        if external:
            error = exceptions.ExternalNetworkNotFound(network=ident)
        else:
            nets = network_rules.fixed_network_candidates(nets)
            error = exceptions.FixedNetworkNotFound(network=ident)
        net = network_rules.only(nets, error, "networks", ident)
        return {"id": net["id"], "name": net["name"]}

    def subnet(self, ident):
        """{"id", "cidr", "network_id", "ip_version"} of a Neutron
        subnet."""
        with clients.unavailable_on_failure("neutron"):
            key = "id" if uuidutils.is_uuid_like(ident) else "name"
            subnets = self.neutron().list_subnets(**{key: ident})["subnets"]
        if len(subnets) != 1:
            if subnets:
                raise exceptions.AmbiguousName(resource="subnets",
                                               name=ident)
            raise exceptions.FixedSubnetNotFound(subnet=ident)
        found = subnets[0]
        return {"id": found["id"], "cidr": found["cidr"],
                "network_id": found.get("network_id"),
                "ip_version": found.get("ip_version")}

    def server_ids_by_name(self, names):
        """{name: server id} of the project's servers named so."""
        found = {}
        with clients.unavailable_on_failure("nova"):
            for name in names:
                servers = self.nova().servers.list(
                    search_opts={"name": "^%s$" % name})
                if len(servers) == 1:
                    found[name] = servers[0].id
        return found

    # -- Octavia -------------------------------------------------------
    def delete_cluster_load_balancers(self):
        """Delete the load balancers Kubernetes created for the cluster's
        services (description "Kubernetes ... from cluster <uuid>"), and
        wait up to [cluster] pre_delete_lb_timeout for them to go.
        Returns how many there were."""
        octavia = self.octavia()
        if octavia is None:
            return 0
        pattern = re.compile(r"Kubernetes .+ from cluster %s" %
                             re.escape(self.cluster.uuid))
        path = "/v2/lbaas/loadbalancers"
        with clients.unavailable_on_failure("octavia"):
            lbs = [lb for lb in octavia.get(path).json()["loadbalancers"]
                   if pattern.match(lb.get("description") or "")]
            for lb in lbs:
                octavia.delete("%s/%s" % (path, lb["id"]),
                               params={"cascade": "true"}, raise_exc=False)
            deadline = time.monotonic() + CONF.cluster.pre_delete_lb_timeout
            pending = {lb["id"] for lb in lbs}
            while pending and time.monotonic() < deadline:
                pending = {i for i in pending if octavia.get(
                    "%s/%s" % (path, i), raise_exc=False).status_code != 404}
                if pending:
                    time.sleep(1)
        if pending:
            raise exceptions.ServiceUnavailable(
                reason="load balancers %s of the cluster were not deleted "
                       "within %s s" % (", ".join(sorted(pending)),
                                        CONF.cluster.pre_delete_lb_timeout))
        return len(lbs)
