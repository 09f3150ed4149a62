"""Octavia v2 emulation: ``world.loadbalancer``.

Load balancers get a VIP port on their subnet (device owner ``Octavia``);
children (listeners, pools, members, health monitors) are plain records
linked by id. Everything is ACTIVE/ONLINE at once.
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

KINDS = ("loadbalancer", "listener", "pool", "member", "healthmonitor")
TITLES = {"loadbalancer": "Load Balancer", "listener": "Listener",
          "pool": "Pool", "member": "Member",
          "healthmonitor": "Health Monitor"}


def _common(project_id, name="", description="", admin_state_up=True):
    now = base.isotime()
    return {"id": base.new_id(), "name": name or "",
            "description": description or "", "project_id": project_id,
            "tenant_id": project_id, "admin_state_up": admin_state_up,
            "provisioning_status": "ACTIVE", "operating_status": "ONLINE",
            "created_at": now, "updated_at": now, "tags": []}


class LoadBalancer(base.Service):
    """Load balancers, listeners, pools, members, health monitors."""

    def reset(self):
        self.items = {kind: {} for kind in KINDS}

    def _get(self, kind, item_id, project_id=None, is_admin=False):
        rec = self.items[kind].get(item_id)
        if rec is None or not (project_id is None or is_admin
                               or rec["project_id"] == project_id):
            raise errors.NotFound("%s %s not found."
                                  % (TITLES[kind], item_id))
        return rec

    @locked
    def get(self, kind, item_id, project_id=None, is_admin=False):
        """One record of ``kind`` (see KINDS); raises NotFound."""
        return self._get(kind, item_id, project_id, is_admin)

    @locked
    def list(self, kind, project_id=None, is_admin=False):
        return [r for r in self.items[kind].values()
                if project_id is None or is_admin
                or r["project_id"] == project_id]

    # -- create ----------------------------------------------------------
    @locked
    def create_loadbalancer(self, project_id, vip_subnet_id=None,
                            vip_network_id=None, name="", description="",
                            vip_address=None, provider="amphora",
                            flavor_id=None):
        """Create a load balancer with a VIP port on the subnet (or on
        the network's first subnet)."""
        net = self.world.network
        if vip_subnet_id:
            subnet = net._subnet(vip_subnet_id, project_id)
        elif vip_network_id:
            network = net._network(vip_network_id, project_id)
            if not network["subnets"]:
                raise errors.BadRequest("Network %s has no subnet."
                                        % network["id"])
            subnet = net.subnets[network["subnets"][0]]
        else:
            raise errors.BadRequest("vip_subnet_id or vip_network_id is "
                                    "required.")
        rec = _common(project_id, name, description)
        fixed = {"subnet_id": subnet["id"]}
        if vip_address:
            fixed["ip_address"] = vip_address
        port = net._create_port(
            project_id, subnet["network_id"], name="octavia-lb-" + rec["id"],
            fixed_ips=[fixed], device_id="lb-" + rec["id"],
            device_owner="Octavia")
        rec.update(vip_address=port["fixed_ips"][0]["ip_address"],
                   vip_port_id=port["id"], vip_subnet_id=subnet["id"],
                   vip_network_id=subnet["network_id"], vip_qos_policy_id=None,
                   provider=provider, flavor_id=flavor_id,
                   availability_zone=None, listeners=[], pools=[],
                   additional_vips=[])
        self.items["loadbalancer"][rec["id"]] = rec
        return rec

    @locked
    def create_listener(self, project_id, loadbalancer_id, protocol,
                        protocol_port, name="", description="",
                        default_pool_id=None, allowed_cidrs=None):
        lb = self._get("loadbalancer", loadbalancer_id, project_id)
        for other in self.items["listener"].values():
            if {"id": lb["id"]} in other["loadbalancers"] and (
                    other["protocol_port"] == int(protocol_port)):
                raise errors.Conflict(
                    "Another Listener on this Load Balancer is already "
                    "using protocol_port %s" % protocol_port)
        rec = _common(project_id, name, description)
        rec.update(protocol=protocol, protocol_port=int(protocol_port),
                   loadbalancers=[{"id": lb["id"]}],
                   default_pool_id=default_pool_id, connection_limit=-1,
                   allowed_cidrs=allowed_cidrs, l7policies=[],
                   insert_headers={}, timeout_client_data=50000,
                   timeout_member_connect=5000, timeout_member_data=50000,
                   timeout_tcp_inspect=0, default_tls_container_ref=None,
                   sni_container_refs=[])
        self.items["listener"][rec["id"]] = rec
        lb["listeners"].append({"id": rec["id"]})
        return rec

    @locked
    def create_pool(self, project_id, protocol, lb_algorithm,
                    listener_id=None, loadbalancer_id=None, name="",
                    description="", session_persistence=None):
        """Create a pool on a listener (becoming its default pool) or on
        a load balancer."""
        if listener_id:
            listener = self._get("listener", listener_id, project_id)
            lb_id = listener["loadbalancers"][0]["id"]
        elif loadbalancer_id:
            listener, lb_id = None, loadbalancer_id
        else:
            raise errors.BadRequest("listener_id or loadbalancer_id is "
                                    "required.")
        lb = self._get("loadbalancer", lb_id, project_id)
        rec = _common(project_id, name, description)
        rec.update(protocol=protocol, lb_algorithm=lb_algorithm,
                   listeners=[{"id": listener["id"]}] if listener else [],
                   loadbalancers=[{"id": lb["id"]}], members=[],
                   healthmonitor_id=None,
                   session_persistence=session_persistence,
                   tls_enabled=False)
        self.items["pool"][rec["id"]] = rec
        lb["pools"].append({"id": rec["id"]})
        if listener:
            listener["default_pool_id"] = rec["id"]
        return rec

    @locked
    def create_member(self, project_id, pool_id, address, protocol_port,
                      subnet_id=None, weight=1, name=""):
        pool = self._get("pool", pool_id, project_id)
        rec = _common(project_id, name)
        rec.update(pool_id=pool["id"], address=address,
                   protocol_port=int(protocol_port), subnet_id=subnet_id,
                   weight=weight, backup=False, monitor_address=None,
                   monitor_port=None)
        self.items["member"][rec["id"]] = rec
        pool["members"].append({"id": rec["id"]})
        return rec

    @locked
    def create_healthmonitor(self, project_id, pool_id, type, delay,
                             timeout, max_retries, name="",
                             max_retries_down=3, url_path=None):
        pool = self._get("pool", pool_id, project_id)
        if pool["healthmonitor_id"]:
            raise errors.Conflict("Pool %s already has a health monitor."
                                  % pool_id)
        rec = _common(project_id, name)
        rec.update(type=type, delay=int(delay), timeout=int(timeout),
                   max_retries=int(max_retries),
                   max_retries_down=int(max_retries_down),
                   pools=[{"id": pool["id"]}], url_path=url_path,
                   http_method="GET" if url_path else None,
                   expected_codes="200" if url_path else None)
        self.items["healthmonitor"][rec["id"]] = rec
        pool["healthmonitor_id"] = rec["id"]
        return rec

    # -- delete ----------------------------------------------------------
    @locked
    def delete(self, kind, item_id, project_id=None, is_admin=False,
               cascade=False):
        """Delete a record of ``kind``. A load balancer with children
        needs ``cascade=True`` (409 otherwise); its VIP port goes too."""
        rec = self._get(kind, item_id, project_id, is_admin)
        getattr(self, "_delete_" + kind)(rec, cascade)

    def _delete_loadbalancer(self, rec, cascade):
        if (rec["listeners"] or rec["pools"]) and not cascade:
            raise errors.BadRequest(
                "Cannot delete Load Balancer %s - it has children"
                % rec["id"])
        for ref in list(rec["pools"]):
            self._delete_pool(self.items["pool"][ref["id"]], True)
        for ref in list(rec["listeners"]):
            self._delete_listener(self.items["listener"][ref["id"]], True)
        if rec["vip_port_id"] in self.world.network.ports:
            self.world.network._delete_port(rec["vip_port_id"])
        del self.items["loadbalancer"][rec["id"]]

    def _delete_listener(self, rec, cascade):
        for lb_ref in rec["loadbalancers"]:
            lb = self.items["loadbalancer"].get(lb_ref["id"])
            if lb:
                lb["listeners"].remove({"id": rec["id"]})
        for pool in self.items["pool"].values():
            if {"id": rec["id"]} in pool["listeners"]:
                pool["listeners"].remove({"id": rec["id"]})
        del self.items["listener"][rec["id"]]

    def _delete_pool(self, rec, cascade):
        for ref in list(rec["members"]):
            del self.items["member"][ref["id"]]
        if rec["healthmonitor_id"]:
            self.items["healthmonitor"].pop(rec["healthmonitor_id"], None)
        for lb_ref in rec["loadbalancers"]:
            lb = self.items["loadbalancer"].get(lb_ref["id"])
            if lb:
                lb["pools"].remove({"id": rec["id"]})
        for listener in self.items["listener"].values():
            if listener["default_pool_id"] == rec["id"]:
                listener["default_pool_id"] = None
        del self.items["pool"][rec["id"]]

    def _delete_member(self, rec, cascade):
        pool = self.items["pool"].get(rec["pool_id"])
        if pool:
            pool["members"].remove({"id": rec["id"]})
        del self.items["member"][rec["id"]]

    def _delete_healthmonitor(self, rec, cascade):
        for ref in rec["pools"]:
            pool = self.items["pool"].get(ref["id"])
            if pool:
                pool["healthmonitor_id"] = None
        del self.items["healthmonitor"][rec["id"]]

    def summary_for(self, project_id):
        return {"loadbalancers": sum(
            1 for r in self.items["loadbalancer"].values()
            if r["project_id"] == project_id)}
