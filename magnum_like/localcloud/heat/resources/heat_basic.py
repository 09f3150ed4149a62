"""Heat's own data resources: None, Value, RandomString and configs."""

import email.mime.multipart
import email.mime.text
import json
import random
import string
import uuid

import yaml

from magnum_like.localcloud.heat.resources import base

P = base.Prop


class NoneResource(base.Plugin):
    """OS::Heat::None: accepts anything, creates nothing."""

    type_name = "OS::Heat::None"
    strict = False
    attrs = None

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        yield 0

    def update(self, res, old, new, engine):
        yield 0
        return True

    def delete(self, res, engine):
        yield 0

    def attribute(self, res, name, engine):
        return None


class Value(base.Plugin):
    type_name = "OS::Heat::Value"
    props = {"value": P("any", required=True),
             "type": P("string", allowed=["string", "number", "json",
                                          "comma_delimited_list",
                                          "boolean"])}
    attrs = ("value",)

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        yield 0

    def update(self, res, old, new, engine):
        yield 0
        return True

    def attribute(self, res, name, engine):
        return (res.props or {}).get("value") if name == "value" else None


_CLASSES = {"lettersdigits": string.ascii_letters + string.digits,
            "letters": string.ascii_letters,
            "lowercase": string.ascii_lowercase,
            "uppercase": string.ascii_uppercase,
            "digits": string.digits,
            "hexdigits": string.digits + "abcdef",
            "octdigits": string.octdigits}


class RandomString(base.Plugin):
    type_name = "OS::Heat::RandomString"
    props = {"length": P("integer", default=32, update_allowed=False),
             "sequence": P("string", update_allowed=False),
             "character_classes": P("list", update_allowed=False),
             "character_sequences": P("list", update_allowed=False),
             "salt": P("string", update_allowed=False)}
    attrs = ("value",)

    def create(self, res, props, engine):
        chars = _CLASSES.get(props.get("sequence") or "lettersdigits",
                             _CLASSES["lettersdigits"])
        classes = props.get("character_classes") or []
        if classes:
            chars = "".join(_CLASSES.get(c.get("class", ""), "")
                            for c in classes) or chars
        rng = random.SystemRandom()
        value = "".join(rng.choice(chars)
                        for _ in range(int(props.get("length", 32))))
        res.data["value"] = value
        res.physical_id = value
        yield 0

    def attribute(self, res, name, engine):
        return res.data.get("value") if name == "value" else None


class SoftwareConfig(base.Plugin):
    type_name = "OS::Heat::SoftwareConfig"
    props = {"group": P("string", default="Heat::Ungrouped",
                        update_allowed=False),
             "config": P("any", update_allowed=False),
             "options": P("map", update_allowed=False),
             "inputs": P("list", update_allowed=False),
             "outputs": P("list", update_allowed=False)}
    attrs = ("config",)
    timing = "config"

    def render(self, props):
        return props.get("config")

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        res.data["config"] = self.render(props)
        yield engine.delay(self.timing, "CREATE", res.uuid)

    def attribute(self, res, name, engine):
        return res.data.get("config") if name == "config" else None


class StructuredConfig(SoftwareConfig):
    type_name = "OS::Heat::StructuredConfig"
    props = dict(SoftwareConfig.props, config=P("map",
                                               update_allowed=False))


class CloudConfig(SoftwareConfig):
    type_name = "OS::Heat::CloudConfig"
    props = {"cloud_config": P("map", update_allowed=False)}

    def render(self, props):
        return "#cloud-config\n" + yaml.safe_dump(
            props.get("cloud_config") or {}, default_flow_style=False)


class MultipartMime(SoftwareConfig):
    type_name = "OS::Heat::MultipartMime"
    props = {"parts": P("list", update_allowed=False),
             "group": P("string", default="Heat::Ungrouped",
                        update_allowed=False)}

    def render(self, props):
        message = email.mime.multipart.MIMEMultipart()
        for part in props.get("parts") or []:
            config = part.get("config")
            if not isinstance(config, str):
                config = json.dumps(config)
            sub = email.mime.text.MIMEText(
                config, part.get("subtype") or "x-shellscript")
            if part.get("filename"):
                sub.add_header("Content-Disposition", "attachment",
                               filename=part["filename"])
            message.attach(sub)
        return message.as_string()


PLUGINS = [NoneResource(), Value(), RandomString(), SoftwareConfig(),
           StructuredConfig(), CloudConfig(), MultipartMime()]
