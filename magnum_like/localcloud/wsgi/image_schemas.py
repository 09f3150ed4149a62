"""The JSON schemas Glance v2 publishes (glanceclient builds its model
from ``/v2/schemas/image``)."""

import copy

_NULL_STR = {"type": ["null", "string"]}
_INT = {"type": ["null", "integer"]}

IMAGE_PROPERTIES = {
    "id": {"type": "string", "pattern": (
        "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}"
        "-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$")},
    "name": {"type": ["null", "string"], "maxLength": 255},
    "status": {"type": "string", "readOnly": True, "enum": [
        "queued", "saving", "active", "killed", "deleted", "uploading",
        "importing", "pending_delete", "deactivated"]},
    "visibility": {"type": "string", "enum": [
        "community", "public", "private", "shared"]},
    "protected": {"type": "boolean"},
    "os_hidden": {"type": "boolean"},
    "checksum": dict(_NULL_STR, readOnly=True),
    "os_hash_algo": dict(_NULL_STR, readOnly=True),
    "os_hash_value": dict(_NULL_STR, readOnly=True),
    "owner": _NULL_STR,
    "size": dict(_INT, readOnly=True),
    "virtual_size": dict(_INT, readOnly=True),
    "container_format": {"type": ["null", "string"], "enum": [
        None, "ami", "ari", "aki", "bare", "ovf", "ova", "docker",
        "compressed"]},
    "disk_format": {"type": ["null", "string"], "enum": [
        None, "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2",
        "vdi", "iso", "ploop"]},
    "created_at": {"type": "string", "readOnly": True},
    "updated_at": {"type": "string", "readOnly": True},
    "tags": {"type": "array", "items": {"type": "string",
                                        "maxLength": 255}},
    "direct_url": {"type": "string", "readOnly": True},
    "min_ram": {"type": "integer"},
    "min_disk": {"type": "integer"},
    "self": {"type": "string", "readOnly": True},
    "file": {"type": "string", "readOnly": True},
    "schema": {"type": "string", "readOnly": True},
    "locations": {"type": "array"},
    "os_distro": {"type": "string", "is_base": False},
    "os_version": {"type": "string", "is_base": False},
    "architecture": {"type": "string", "is_base": False},
    "kernel_id": {"type": ["null", "string"], "is_base": False},
    "ramdisk_id": {"type": ["null", "string"], "is_base": False},
    "instance_uuid": {"type": "string", "is_base": False},
}

IMAGE_SCHEMA = {
    "name": "image",
    "properties": IMAGE_PROPERTIES,
    "additionalProperties": {"type": "string"},
    "links": [{"rel": "self", "href": "{self}"},
              {"rel": "enclosure", "href": "{file}"},
              {"rel": "describedby", "href": "{schema}"}],
}


def images_schema():
    return {
        "name": "images",
        "properties": {
            "images": {"type": "array",
                       "items": copy.deepcopy(IMAGE_SCHEMA)},
            "schema": {"type": "string"}, "first": {"type": "string"},
            "next": {"type": "string"}},
        "links": [{"rel": "first", "href": "{first}"},
                  {"rel": "next", "href": "{next}"},
                  {"rel": "describedby", "href": "{schema}"}],
    }
