"""API microversions: negotiation of `OpenStack-API-Version`.

The history of every version is in rest_api_version_history.rst beside
this file; bump MAX_VERSION only together with an entry there.
"""

import re

# Requests may name the service by any of its three names; responses name
# it `container-infra`, as Magnum's do (and as clients recorded them).
SERVICE_TYPE = "container-infra"
ACCEPTED_SERVICE_TYPES = ("container-infrastructure-management",
                          "container-infrastructure", SERVICE_TYPE)
HEADER = "OpenStack-API-Version"
MIN_HEADER = "OpenStack-API-Minimum-Version"
MAX_HEADER = "OpenStack-API-Maximum-Version"

MIN_VERSION = (1, 1)
MAX_VERSION = (1, 14)

_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")


class VersionNotAcceptable(Exception):
    """The header is malformed (plain 406)."""


class VersionUnsupported(Exception):
    """A well-formed version outside [MIN_VERSION, MAX_VERSION] (406 with
    the extended error entry)."""


def to_string(version):
    return "%d.%d" % version


def parse_header(value):
    """Turn the header's value into a (major, minor) tuple.

    A missing header means the minimum version, as in Magnum.
    """
    if value is None or value.strip() == "":
        return MIN_VERSION
    tokens = value.split()
    if len(tokens) != 2 or tokens[0].lower() not in ACCEPTED_SERVICE_TYPES:
        raise VersionNotAcceptable(
            "Invalid service type for %s header" % HEADER)
    requested = tokens[1]
    if requested.lower() == "latest":
        return MAX_VERSION
    match = _VERSION_RE.match(requested)
    if not match:
        raise VersionNotAcceptable(
            "Invalid value for %s header: %s" % (HEADER, requested))
    version = (int(match.group(1)), int(match.group(2)))
    if version[0] != MAX_VERSION[0] or not (
            MIN_VERSION <= version <= MAX_VERSION):
        raise VersionUnsupported(
            "Version %s was requested but the minor version is not "
            "supported by this service. The supported version range is: "
            "[%s, %s]." % (requested, to_string(MIN_VERSION),
                           to_string(MAX_VERSION)))
    return version


def response_headers(version):
    return {
        MIN_HEADER: "%s %s" % (SERVICE_TYPE, to_string(MIN_VERSION)),
        MAX_HEADER: "%s %s" % (SERVICE_TYPE, to_string(MAX_VERSION)),
        HEADER: "%s %s" % (SERVICE_TYPE, to_string(version)),
        "Vary": HEADER,
    }
