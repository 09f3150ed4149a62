"""WSME types shared by the resources (facts §1.3, §1.6)."""

import ast
import re

import netaddr
from oslo_utils import strutils
from oslo_utils import uuidutils
import wsme
from wsme import types as wtypes

from magnum_like.common import exceptions


class UuidType(wtypes.UserType):
    basetype = wtypes.text
    name = "uuid"

    @staticmethod
    def validate(value):
        if not uuidutils.is_uuid_like(value):
            raise exceptions.InvalidUUID(uuid=value)
        return value

    @staticmethod
    def frombasetype(value):
        return None if value is None else UuidType.validate(value)


class BooleanType(wtypes.UserType):
    """JSON booleans and oslo's strict strings (1/0, t/f, yes/no ...)."""

    basetype = wtypes.text
    name = "boolean"

    @staticmethod
    def validate(value):
        if isinstance(value, bool):
            return value
        try:
            return strutils.bool_from_string(value, strict=True)
        except ValueError as e:
            raise exceptions.Invalid(str(e))

    @staticmethod
    def frombasetype(value):
        return None if value is None else BooleanType.validate(value)


class NameType(wtypes.UserType):
    """Cluster-style names: a letter, then letters, digits, `_.-`."""

    basetype = wtypes.text
    name = "name"
    _pattern = re.compile(r"^[a-zA-Z][a-zA-Z0-9_.-]*$")

    @classmethod
    def validate(cls, value):
        if not cls._pattern.match(value or ""):
            raise exceptions.InvalidName(name=value)
        return value

    @classmethod
    def frombasetype(cls, value):
        return None if value is None else cls.validate(value)


class DnsListType(wtypes.UserType):
    """A comma-separated list of IP addresses (DNS nameservers)."""

    basetype = wtypes.text
    name = "dnslist"

    @staticmethod
    def validate(value):
        if not isinstance(value, str) or len(value) > 255:
            raise exceptions.InvalidDNS(dns=value)
        for address in value.split(","):
            address = address.strip()
            if not (netaddr.valid_ipv4(address, netaddr.INET_PTON) or
                    netaddr.valid_ipv6(address)):
                raise exceptions.InvalidDNS(dns=address)
        return value

    @staticmethod
    def frombasetype(value):
        return None if value is None else DnsListType.validate(value)


class MultiType(wtypes.UserType):
    """A value of any of several types."""

    def __init__(self, *types):
        self.types = types

    def __str__(self):
        return " | ".join(map(str, self.types))

    def validate(self, value):
        for t in self.types:
            if t is wtypes.text and isinstance(value, wtypes.bytes):
                value = value.decode()
            if isinstance(value, t):
                return value
        raise ValueError(
            "Wrong type. Expected '%(type)s', got '%(value)s'" %
            {"type": self.types, "value": type(value)})


def parse_literal(value, expected):
    """The client sends dicts and lists as Python-literal strings."""
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError, TypeError, MemoryError,
                RecursionError):
            raise exceptions.Invalid(
                "%s is not a valid %s" % (value, expected.__name__))
    if not isinstance(value, expected):
        raise exceptions.Invalid(
            "%s is not a valid %s" % (value, expected.__name__))
    return value


uuid = UuidType()
boolean = BooleanType()
name = NameType()
dns_list = DnsListType()
jsontype = MultiType(wtypes.text, int, float, bool, list, dict,
                     type(None))


class JsonPatchType(wtypes.Base):
    """One operation of a JSON patch (add, replace or remove)."""

    path = wtypes.wsattr(wtypes.StringType(pattern=r"^(/[\w-]+)+$"),
                         mandatory=True)
    op = wtypes.wsattr(wtypes.Enum(str, "add", "replace", "remove"),
                       mandatory=True)
    value = MultiType(wtypes.text, int)

    # Paths no resource lets a patch touch.
    _INTERNAL = ("/created_at", "/id", "/links", "/updated_at", "/uuid",
                 "/project_id", "/user_id")

    @staticmethod
    def internal_attrs():
        return list(JsonPatchType._INTERNAL)

    @staticmethod
    def mandatory_attrs():
        return []

    @staticmethod
    def non_removable_attrs():
        return []

    @classmethod
    def validate(cls, patch):
        internal = cls.internal_attrs()
        if patch.path in internal or any(
                patch.path.startswith(p + "/") for p in internal):
            raise wsme.exc.ClientSideError(
                "'%s' is an internal attribute and can not be updated" %
                patch.path)
        undeletable = set(cls.mandatory_attrs() +
                          cls.non_removable_attrs())
        if patch.path in undeletable and patch.op == "remove":
            raise wsme.exc.ClientSideError(
                "'%s' is a mandatory attribute and can not be removed" %
                patch.path)
        if patch.op != "remove" and patch.value is wsme.Unset:
            raise wsme.exc.ClientSideError(
                "'add' and 'replace' operations need a value")
        return patch
