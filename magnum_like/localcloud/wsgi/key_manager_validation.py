"""Request bodies of the Barbican emulation, validated as Barbican does.

Barbican strips the whitespace around every string of a JSON body (the
payload included), checks the body against a JSON schema, then applies
its own rules; a refusal is a 400 whose description reads
``Provided object does not match schema '<schema>': <reason>. Invalid
property: '<property>'``. Nothing here ever echoes a payload.
"""

import base64
import binascii

from magnum_like.localcloud.world import base as world_base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world import key_manager
from magnum_like.localcloud.wsgi import errors as http_errors

PLAIN_TEXT = ("text/plain", "text/plain;charset=utf-8",
              "text/plain; charset=utf-8")
BINARY = ("application/octet-stream", "application/pkcs8",
          "application/pkix-cert")
SUPPORTED = PLAIN_TEXT + BINARY
# Normalized content type -> the payload encodings it accepts.
ENCODINGS = {"text/plain": None,
             "application/octet-stream": ["base64", "binary"],
             "application/pkcs8": ["base64", "binary"],
             "application/pkix-cert": ["base64", "binary"]}
MAX_SECRET_BYTES = 20000
SMALL_INT_MAX = 32767
TOO_LARGE = ("The request returned a 413 Request Entity Too Large. This "
             "generally means that rate limiting or a quota threshold was "
             "breached.")

_TYPES = {"string": str, "integer": int, "object": dict, "array": list,
          "null": type(None)}


class Invalid(errors.BadRequest):
    """Barbican's InvalidObject."""

    def __init__(self, schema, reason, prop=None):
        super().__init__("Provided object does not match schema '%s': %s. "
                         "Invalid property: '%s'" % (schema, reason, prop))


def strip_whitespace(data):
    """Barbican's load_body: trim every string, recursively."""
    if isinstance(data, dict):
        return {k: strip_whitespace(v) for k, v in data.items()}
    if isinstance(data, list):
        return [strip_whitespace(v) for v in data]
    if isinstance(data, str):
        return data.strip()
    return data


def normalize_content_type(mime_type):
    """Barbican's normalization: ``text/plain; charset=utf-8`` is
    ``text/plain``; an unsupported charset leaves the value as given."""
    parts = [p.strip() for p in mime_type.split(";")]
    mime = parts[0].lower()
    if len(parts) > 1:
        if "=" not in parts[1]:
            return mime_type
        charset = parts[1].lower().split("=")[1].strip()
        if charset != "utf-8":
            return mime_type
    return mime if mime in ENCODINGS else mime_type


def is_supported(mime_type):
    return normalize_content_type(mime_type) in SUPPORTED


def _check_type(schema, prop, value, types):
    if isinstance(value, bool) or not any(
            isinstance(value, _TYPES[t]) for t in types):
        raise Invalid(schema, "%r is not of type %s" % (
            value, ", ".join("'%s'" % t for t in types)), prop)


def _check_enum(schema, prop, value, allowed):
    if value not in allowed:
        raise Invalid(schema, "%r is not one of %r" % (value, list(allowed)),
                      prop)


def _check_length(schema, prop, value, maximum):
    if isinstance(value, str) and len(value) > maximum:
        raise Invalid(schema, "%r is too long" % value, prop)


def _secret_schema(body):
    schema = "Secret"
    _check_type(schema, None, body, ["object"])
    strings = {"name": 255, "algorithm": 255, "mode": 255,
               "expiration": 255, "payload": None, "secret_type": 80,
               "payload_content_type": 255, "payload_content_encoding": 255,
               "transport_key_needed": None, "transport_key_id": None}
    nullable = ("name", "payload_content_type")
    for prop, maximum in strings.items():
        if prop not in body:
            continue
        value = body[prop]
        _check_type(schema, prop, value,
                    ["string", "null"] if prop in nullable else ["string"])
        if maximum:
            _check_length(schema, prop, value, maximum)
    if "bit_length" in body:
        bits = body["bit_length"]
        _check_type(schema, "bit_length", bits, ["integer"])
        if bits < 1:
            raise Invalid(schema, "%r is less than the minimum of 1" % bits,
                          "bit_length")
        if bits > SMALL_INT_MAX:
            raise Invalid(schema, "%r is greater than the maximum of %d" % (
                bits, SMALL_INT_MAX), "bit_length")
    if "secret_type" in body:
        _check_enum(schema, "secret_type", body["secret_type"],
                    key_manager.SECRET_TYPES)
    if "payload_content_encoding" in body:
        _check_enum(schema, "payload_content_encoding",
                    body["payload_content_encoding"], ["base64"])
    if "transport_key_needed" in body:
        _check_enum(schema, "transport_key_needed",
                    body["transport_key_needed"], ["true", "false"])


def _expiration(body):
    raw = body.get("expiration")
    if not raw:
        return None
    try:
        when = key_manager.parse_expiration(raw)
    except ValueError:
        raise Invalid("Secret", "Invalid date for 'expiration'",
                      "expiration")
    if when <= world_base.utcnow().replace(tzinfo=None):
        raise Invalid("Secret", "'expiration' is before current time",
                      "expiration")
    return when


def _content_parameters(content_type, encoding):
    if content_type is None:
        raise Invalid("Secret", "If 'payload' is supplied, "
                      "'payload_content_type' must also be supplied.",
                      "payload_content_type")
    if not is_supported(content_type):
        raise Invalid("Secret", "payload_content_type is not one of %r"
                      % list(SUPPORTED), "payload_content_type")
    encodings = ENCODINGS[normalize_content_type(content_type)]
    if (encoding in encodings) if encodings else encoding is None:
        return
    raise Invalid("Secret", "payload_content_encoding is not one of %r"
                  % (encodings,), "payload_content_encoding")


def decode_payload(payload, content_type, encoding):
    """The bytes to keep for a payload (str or bytes): text as UTF-8,
    binary types decoded from base64 when ``encoding`` says so."""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    if normalize_content_type(content_type) == "text/plain" or (
            encoding != "base64"):
        return payload
    try:
        return base64.b64decode(payload)
    except (binascii.Error, ValueError):
        raise errors.BadRequest("Problem decoding payload")


def new_secret(body):
    """Keyword arguments of ``world.key_manager.create_secret`` from a
    ``POST /v1/secrets`` body (whitespace already stripped)."""
    _secret_schema(body)
    name = body.get("name")
    spec = {"name": name if isinstance(name, str) else None,
            "expiration": _expiration(body),
            "secret_type": body.get("secret_type") or "opaque",
            "algorithm": body.get("algorithm"),
            "bit_length": body.get("bit_length"), "mode": body.get("mode"),
            "payload": None, "content_type": None}
    content_type = body.get("payload_content_type")
    if "payload" in body:
        encoding = body.get("payload_content_encoding")
        _content_parameters(content_type, encoding)
        payload = body.get("payload") or ""
        if len(payload.encode("utf-8")) > MAX_SECRET_BYTES:
            raise http_errors.HTTPError(413, TOO_LARGE)
        if not payload:
            raise Invalid("Secret", "If 'payload' specified, must be non "
                          "empty", "payload")
        if encoding == "base64":
            try:
                base64.b64decode(payload)
            except (binascii.Error, ValueError):
                raise Invalid("Secret", "Invalid payload for "
                              "payload_content_encoding", "payload")
        spec["payload"] = decode_payload(payload, content_type, encoding)
        spec["content_type"] = normalize_content_type(content_type)
    elif "payload_content_type" in body:
        raise Invalid("Secret", "payload must be provided when "
                      "payload_content_type is specified", "payload")
    return spec


def _container_schema(body):
    schema = "Container"
    _check_type(schema, None, body, ["object"])
    if "name" in body:
        _check_type(schema, "name", body["name"], ["string", "null"])
        _check_length(schema, "name", body["name"], 255)
    if "type" not in body:
        raise Invalid(schema, "'type' is a required property")
    _check_type(schema, "type", body["type"], ["string"])
    _check_enum(schema, "type", body["type"], key_manager.CONTAINER_TYPES)
    refs = body.get("secret_refs", [])
    _check_type(schema, "secret_refs", refs, ["array"])
    for ref in refs:
        _check_type(schema, "secret_refs", ref, ["object"])
        if "secret_ref" not in ref:
            raise Invalid(schema, "'secret_ref' is a required property",
                          "secret_refs")
        _check_type(schema, "secret_refs", ref["secret_ref"], ["string"])
        if not ref["secret_ref"]:
            raise Invalid(schema, "'' is too short", "secret_refs")
        if "name" in ref:
            _check_type(schema, "secret_refs", ref["name"],
                        ["string", "null"])
            _check_length(schema, "secret_refs", ref["name"], 255)


def _secret_id(ref):
    ref = ref["secret_ref"]
    if ref.endswith("/"):
        return ref.rsplit("/", 2)[1]
    return ref.rsplit("/", 1)[-1]


_TYPE_NAMES = {
    "rsa": ({"public_key", "private_key"}, {"private_key_passphrase"},
            "only 'private_key', 'public_key' and 'private_key_passphrase' "
            "reference names are allowed for RSA type",
            "The minimum required reference names are 'public_key' "
            "and'private_key' for RSA type"),
    "certificate": ({"certificate"},
                    {"private_key", "private_key_passphrase",
                     "intermediates"},
                    "only 'private_key', 'certificate' , "
                    "'private_key_passphrase',  or 'intermediates' "
                    "reference names are allowed for Certificate type",
                    "The minimum required reference name is 'certificate' "
                    "for Certificate type"),
}


def new_container(body, secrets_href):
    """Keyword arguments of ``world.key_manager.create_container`` from
    a ``POST /v1/containers`` body; every secret ref must start with
    ``secrets_href`` (Barbican's host check)."""
    _container_schema(body)
    refs = body.get("secret_refs") or []
    spec = {"name": body.get("name"), "container_type": body["type"],
            "secret_refs": [{"name": r.get("name"),
                             "secret_id": _secret_id(r)} for r in refs]}
    if not refs:
        return spec
    names = {r.get("name", "") for r in refs}
    if len(names) != len(refs):
        raise Invalid("Container", "Duplicate reference names are not "
                      "allowed", "secret_refs")
    if len({r["secret_id"] for r in spec["secret_refs"]}) != len(refs):
        raise Invalid("Container", "Duplicate secret ids are not allowed",
                      "secret_refs")
    for ref in refs:
        if not ref["secret_ref"].startswith(secrets_href):
            raise errors.BadRequest(
                "No support for value set on field 'secret_ref' on schema "
                "'Container': Secret_ref does not match the configured "
                "hostname, please try again")
    if body["type"] in _TYPE_NAMES:
        required, optional, unsupported, missing = _TYPE_NAMES[body["type"]]
        if names - required - optional:
            raise Invalid("Container", unsupported, "secret_refs")
        if not required <= names:
            raise Invalid("Container", missing, "secret_refs")
    return spec
