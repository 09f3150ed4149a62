"""OS::Nova::Server, ServerGroup and KeyPair over world.compute."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat.resources import base
from magnum_like.localcloud.heat.resources import cloud

P = base.Prop


def _networks(entries):
    out = []
    for entry in entries or []:
        spec = {}
        for src, dst in (("network", "network"), ("uuid", "uuid"),
                         ("port", "port"), ("fixed_ip", "fixed_ip"),
                         ("subnet", "subnet")):
            if entry.get(src):
                spec[dst] = entry[src]
        if spec:
            out.append(spec)
    return out


def _bdm(props):
    out = []
    for entry in props.get("block_device_mapping_v2") or []:
        source = entry.get("volume_id") or entry.get("image") or \
            entry.get("image_id")
        out.append({"boot_index": entry.get("boot_index", 0),
                    "uuid": source, "volume_size": entry.get("volume_size"),
                    "source_type": "volume" if entry.get("volume_id")
                    else "image", "destination_type": "volume",
                    "delete_on_termination":
                        entry.get("delete_on_termination", False)})
    for entry in props.get("block_device_mapping") or []:
        out.append({"boot_index": 0 if entry.get("device_name") in (
            "vda", "/dev/vda") else -1, "uuid": entry.get("volume_id"),
            "source_type": "volume", "destination_type": "volume"})
    return out


def check_boot_sources(name, props):
    """Heat's check of a server's bootable sources. An ``image`` given
    as null counts as a source (Heat makes it ''), so it conflicts with
    a boot volume in block_device_mapping_v2."""
    bdm_v2 = props.get("block_device_mapping_v2") or []
    image = props.get("image")
    bootable = image is not None or any(
        entry.get("device_name") in ("vda", "/dev/vda")
        for entry in props.get("block_device_mapping") or [])
    sources = [image]
    for entry in bdm_v2:
        devs = [entry.get(k) for k in ("volume_id", "snapshot_id", "image")]
        if any(d is not None for d in devs) and \
                entry.get("boot_index") in (None, 0):
            bootable = True
            sources.extend(devs)
    if not bootable:
        raise errors.StackValidationFailed(
            "Neither image nor bootable volume is specified for "
            "instance %s" % name)
    if bdm_v2 and len([s for s in sources if s is not None]) != 1:
        raise errors.StackValidationFailed(
            "Multiple bootable sources for instance %s." % name)


class Server(cloud.CloudPlugin):
    type_name = "OS::Nova::Server"
    timing = "server"
    props = {
        "name": P("string"),
        "image": P("string", update_allowed=True, constraint="glance.image"),
        "flavor": P("string", required=True, constraint="nova.flavor"),
        "key_name": P("string", update_allowed=False),
        "networks": P("list"), "user_data": P("string", default=""),
        "user_data_format": P("string", default="HEAT_CFNTOOLS",
                              allowed=["HEAT_CFNTOOLS", "RAW",
                                       "SOFTWARE_CONFIG"]),
        "software_config_transport": P("string",
                                       default="POLL_SERVER_CFN"),
        "user_data_update_policy": P("string", default="REPLACE"),
        "metadata": P("map"), "scheduler_hints": P(
            "map", update_allowed=False),
        "block_device_mapping": P("list", update_allowed=False),
        "block_device_mapping_v2": P("list", update_allowed=False),
        "security_groups": P("list", update_allowed=False),
        "availability_zone": P("string", update_allowed=False),
        "config_drive": P("boolean", update_allowed=False),
        "admin_pass": P("string"), "admin_user": P("string"),
        "flavor_update_policy": P("string", default="RESIZE"),
        "image_update_policy": P("string", default="REBUILD"),
        "personality": P("map"), "diskConfig": P("string"),
        "reservation_id": P("string"), "tags": P("list"),
        "deployment_swift_data": P("map"),
    }
    attrs = ("first_address", "networks", "addresses", "name",
             "instance_name", "accessIPv4", "accessIPv6", "console_urls",
             "os_collect_config", "show")

    def make(self, world, res, props):
        check_boot_sources(res.name, props)
        hints = dict(props.get("scheduler_hints") or {})
        group = hints.get("group")
        if isinstance(group, list):
            hints["group"] = group[0] if group else None
        return world.compute.create_server(
            self.project(res), self.user(res),
            props.get("name") or self.physical_name(res), props["flavor"],
            image=props.get("image"), key_name=props.get("key_name"),
            networks=_networks(props.get("networks")),
            user_data=props.get("user_data") or None,
            metadata=props.get("metadata"), scheduler_hints=hints,
            block_device_mapping=_bdm(props),
            security_groups=props.get("security_groups") or None,
            availability_zone=props.get("availability_zone"),
            config_drive=bool(props.get("config_drive")), status="BUILD")

    def after_create(self, world, res):
        world.compute.set_server_status(res.physical_id, "ACTIVE")

    def fetch(self, world, res):
        return world.compute.get_server(res.physical_id)

    def remove(self, world, res):
        world.compute.delete_server(res.physical_id)

    def change(self, world, res, old, new):
        changes = {}
        if new.get("name") and new.get("name") != old.get("name"):
            changes["name"] = new["name"]
        if new.get("metadata") != old.get("metadata"):
            changes["metadata"] = new.get("metadata") or {}
        if changes:
            world.compute.update_server(res.physical_id, **changes)

    def attr_value(self, world, res, rec, name):
        addresses = rec.get("addresses") or {}
        if name == "addresses":
            return addresses
        if name == "networks":
            out = {}
            for net_name, items in addresses.items():
                ips = [i.get("addr") for i in items]
                out[net_name] = ips
                try:
                    net = world.network.find_network(self.project(res),
                                                     net_name)
                    out[net["id"]] = ips
                except Exception:  # noqa: BLE001,S110 - name-only is fine
                    pass
            return out
        if name == "first_address":
            for items in addresses.values():
                fixed = [i for i in items
                         if i.get("OS-EXT-IPS:type", "fixed") == "fixed"]
                if fixed:
                    return fixed[0].get("addr")
            return ""
        if name == "instance_name":
            return rec.get("OS-EXT-SRV-ATTR:instance_name")
        if name in ("console_urls", "os_collect_config"):
            return {}
        return rec.get(name)


class ServerGroup(cloud.CloudPlugin):
    type_name = "OS::Nova::ServerGroup"
    timing = "config"
    props = {"name": P("string", update_allowed=False),
             "policies": P("list", default=["anti-affinity"],
                           update_allowed=False),
             "policy": P("string", update_allowed=False),
             "rules": P("map", update_allowed=False)}
    attrs = ("show",)

    def make(self, world, res, props):
        policy = props.get("policy") or (props.get("policies") or
                                         ["anti-affinity"])[0]
        return world.compute.create_server_group(
            self.project(res), self.user(res),
            props.get("name") or self.physical_name(res), policy,
            props.get("rules"))

    def fetch(self, world, res):
        return world.compute.get_server_group(res.physical_id)

    def remove(self, world, res):
        world.compute.delete_server_group(res.physical_id)


class KeyPair(cloud.CloudPlugin):
    type_name = "OS::Nova::KeyPair"
    timing = "config"
    props = {"name": P("string", required=True, update_allowed=False),
             "public_key": P("string", update_allowed=False),
             "save_private_key": P("boolean", default=False,
                                   update_allowed=False),
             "type": P("string", default="ssh", update_allowed=False),
             "user": P("string", update_allowed=False)}
    attrs = ("public_key", "private_key", "show")

    def make(self, world, res, props):
        rec = world.compute.create_keypair(
            self.user(res), props["name"], props.get("public_key"))
        if props.get("save_private_key"):
            res.data["private_key"] = rec.get("private_key")
        return dict(rec, id=props["name"])

    def fetch(self, world, res):
        return world.compute.find_keypair(self.user(res), res.physical_id)

    def remove(self, world, res):
        world.compute.delete_keypair(self.user(res), res.physical_id)

    def attr_value(self, world, res, rec, name):
        if name == "private_key":
            return res.data.get("private_key", "")
        return rec.get(name)


PLUGINS = [Server(), ServerGroup(), KeyPair()]
