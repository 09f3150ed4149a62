"""Neutron security groups and rules, and Neutron quotas."""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked
from magnum_like.localcloud.world.network.core import _owned
from magnum_like.localcloud.world.network.core import _stamp

DEFAULT_QUOTAS = {"network": 100, "subnet": 100, "port": 500, "router": 10,
                  "floatingip": 50, "security_group": 10,
                  "security_group_rule": 100, "rbac_policy": 10,
                  "subnetpool": -1}
PROTOCOLS = (None, "tcp", "udp", "icmp", "icmpv6", "vrrp", "sctp", "any")


class SecurityMixin:
    """Security groups (a ``default`` group per project, created on first
    use as Neutron does), rules, and quotas."""

    def _reset_security(self):
        self.security_groups = {}
        self.sg_rules = {}
        self.quotas = {}      # project id -> {resource: limit}

    # -- quotas ----------------------------------------------------------
    def quota_for(self, project_id):
        return dict(DEFAULT_QUOTAS, **self.quotas.get(project_id, {}))

    @locked
    def get_quota(self, project_id):
        """Neutron quota dict of a project."""
        return self.quota_for(project_id)

    @locked
    def set_quota(self, project_id, **limits):
        unknown = set(limits) - set(DEFAULT_QUOTAS)
        if unknown:
            raise errors.BadRequest("Unrecognized quota resources: %s"
                                    % ", ".join(sorted(unknown)))
        self.quotas.setdefault(project_id, {}).update(limits)
        return self.quota_for(project_id)

    def usage_for(self, project_id):
        tables = {"network": self.networks, "subnet": self.subnets,
                  "port": self.ports, "router": self.routers,
                  "floatingip": self.floatingips,
                  "security_group": self.security_groups,
                  "security_group_rule": self.sg_rules}
        return {k: sum(1 for r in t.values() if r["project_id"] == project_id)
                for k, t in tables.items()}

    def _check_quota(self, project_id, resource, table):
        if project_id is None:
            return
        limit = self.quota_for(project_id)[resource]
        used = sum(1 for r in table.values() if r["project_id"] == project_id)
        if 0 <= limit <= used:
            raise errors.QuotaExceeded(
                "Quota exceeded for resources: ['%s']." % resource)

    # -- security groups -------------------------------------------------
    @locked
    def create_security_group(self, project_id, name, description="",
                              stateful=True):
        """Create a group with Neutron's two default egress rules."""
        return self._create_sg(project_id, name, description, stateful)

    def _create_sg(self, project_id, name, description="", stateful=True,
                   default=False):
        if not default:
            self._default_sg(project_id)
            self._check_quota(project_id, "security_group",
                              self.security_groups)
        rec = _stamp({"id": base.new_id(), "stateful": stateful,
                      "shared": False, "security_group_rules": []},
                     project_id, name, description)
        self.security_groups[rec["id"]] = rec
        for ether in ("IPv4", "IPv6"):
            self._add_rule(rec, "egress", ether)
            if default:
                self._add_rule(rec, "ingress", ether,
                               remote_group_id=rec["id"])
        return self._sg_view(rec)

    def _default_sg(self, project_id):
        for rec in self.security_groups.values():
            if rec["project_id"] == project_id and rec["name"] == "default":
                return rec
        created = self._create_sg(project_id, "default",
                                  "Default security group", default=True)
        return self.security_groups[created["id"]]

    def _sg(self, name_or_id, project_id=None, is_admin=False):
        if project_id is not None and not is_admin:
            self._default_sg(project_id)
        return base.find_by_name_or_id(
            self.security_groups, name_or_id, "Security group",
            lambda r: _owned(r, project_id, is_admin))

    def _sg_view(self, rec):
        return dict(rec, security_group_rules=[
            dict(r) for r in self.sg_rules.values()
            if r["security_group_id"] == rec["id"]])

    @locked
    def find_security_group(self, project_id, name_or_id, is_admin=False):
        return self._sg_view(self._sg(name_or_id, project_id, is_admin))

    @locked
    def list_security_groups(self, project_id=None, is_admin=False):
        if project_id is not None:
            self._default_sg(project_id)
        return [self._sg_view(s) for s in self.security_groups.values()
                if _owned(s, project_id, is_admin)]

    @locked
    def update_security_group(self, sg_id, project_id=None, is_admin=False,
                              **changes):
        """Change ``name``, ``description`` or ``stateful``."""
        rec = self._sg(sg_id, project_id, is_admin)
        unknown = set(changes) - {"name", "description", "stateful"}
        if unknown:
            raise errors.BadRequest("Cannot update read-only attribute(s) "
                                    "%s" % ", ".join(sorted(unknown)))
        rec.update(changes)
        rec["updated_at"] = base.isotime()
        return self._sg_view(rec)

    @locked
    def delete_security_group(self, sg_id, project_id=None, is_admin=False):
        """Delete a group; 409 while a port uses it."""
        rec = self._sg(sg_id, project_id, is_admin)
        if any(rec["id"] in p["security_groups"]
               for p in self.ports.values()):
            raise errors.Conflict(
                "Security Group %s in use." % rec["id"],
                neutron_type="SecurityGroupInUse")
        for rule in list(self.sg_rules.values()):
            if rule["security_group_id"] == rec["id"]:
                del self.sg_rules[rule["id"]]
        del self.security_groups[rec["id"]]

    # -- rules -----------------------------------------------------------
    @locked
    def create_security_group_rule(self, project_id, security_group_id,
                                   direction="ingress", ethertype="IPv4",
                                   protocol=None, port_range_min=None,
                                   port_range_max=None,
                                   remote_ip_prefix=None,
                                   remote_group_id=None, description=""):
        """Add a rule; 409 for a duplicate, 400 for a bad protocol/range.
        """
        sg = self._sg(security_group_id, project_id)
        if direction not in ("ingress", "egress") or protocol not in (
                PROTOCOLS) and not str(protocol).isdigit():
            raise errors.BadRequest(
                "Security group rule protocol %s not supported." % protocol,
                neutron_type="SecurityGroupRuleInvalidProtocol")
        if port_range_min is not None and port_range_max is not None and (
                int(port_range_min) > int(port_range_max)):
            raise errors.BadRequest(
                "For TCP/UDP protocols, port_range_min must be <= "
                "port_range_max", neutron_type="SecurityGroupInvalidPortRange")
        self._check_quota(project_id, "security_group_rule", self.sg_rules)
        return self._add_rule(sg, direction, ethertype, protocol,
                              port_range_min, port_range_max,
                              remote_ip_prefix, remote_group_id, description)

    def _add_rule(self, sg, direction, ethertype, protocol=None,
                  port_range_min=None, port_range_max=None,
                  remote_ip_prefix=None, remote_group_id=None,
                  description=""):
        key = (direction, ethertype, protocol,
               None if port_range_min is None else int(port_range_min),
               None if port_range_max is None else int(port_range_max),
               remote_ip_prefix, remote_group_id)
        for rule in self.sg_rules.values():
            if rule["security_group_id"] == sg["id"] and _rule_key(
                    rule) == key:
                raise errors.Conflict(
                    "Security group rule already exists. Rule id is %s."
                    % rule["id"], neutron_type="SecurityGroupRuleExists")
        rec = _stamp({"id": base.new_id(), "security_group_id": sg["id"],
                      "direction": direction, "ethertype": ethertype,
                      "protocol": protocol, "port_range_min": key[3],
                      "port_range_max": key[4],
                      "remote_ip_prefix": remote_ip_prefix,
                      "remote_group_id": remote_group_id,
                      "remote_address_group_id": None,
                      "normalized_cidr": remote_ip_prefix},
                     sg["project_id"], None, description)
        rec.pop("name")
        self.sg_rules[rec["id"]] = rec
        return rec

    @locked
    def get_security_group_rule(self, rule_id, project_id=None,
                                is_admin=False):
        rec = self.sg_rules.get(rule_id)
        if rec is None or not _owned(rec, project_id, is_admin):
            raise errors.NotFound(
                "Security group rule %s does not exist" % rule_id,
                neutron_type="SecurityGroupRuleNotFound")
        return rec

    @locked
    def list_security_group_rules(self, project_id=None, is_admin=False):
        return [r for r in self.sg_rules.values()
                if _owned(r, project_id, is_admin)]

    @locked
    def delete_security_group_rule(self, rule_id, project_id=None,
                                   is_admin=False):
        self.get_security_group_rule.__wrapped__(self, rule_id, project_id,
                                                 is_admin)
        del self.sg_rules[rule_id]


def _rule_key(rule):
    return (rule["direction"], rule["ethertype"], rule["protocol"],
            rule["port_range_min"], rule["port_range_max"],
            rule["remote_ip_prefix"], rule["remote_group_id"])
