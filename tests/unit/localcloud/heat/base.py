"""Helpers for the emulated Heat's unit tests."""

import testtools

from magnum_like.localcloud.heat import definition
from magnum_like.localcloud.heat import environment
from magnum_like.localcloud.heat.resources import registry

PSEUDO = {"OS::stack_id": "sid", "OS::stack_name": "s",
          "OS::project_id": "p"}


def build(doc, params=None, files=None, env=None, env_files=None):
    """A validated Definition (raises Heat's errors like a create)."""
    env_obj = environment.Environment.build(env, env_files, files)
    user = dict(params or {})
    user.update(env_obj.parameters)
    return definition.Definition(doc, files or {}, env_obj, user, PSEUDO,
                                 registry.default_registry())


def hot(resources=None, parameters=None, outputs=None, version="queens",
        **extra):
    doc = {"heat_template_version": version}
    if parameters is not None:
        doc["parameters"] = parameters
    if resources is not None:
        doc["resources"] = resources
    if outputs is not None:
        doc["outputs"] = outputs
    doc.update(extra)
    return doc


class TestCase(testtools.TestCase):
    def assertRejected(self, error_cls, fragment, *args, **kwargs):
        exc = self.assertRaises(error_cls, build, *args, **kwargs)
        self.assertIn(fragment, exc.message)
        return exc
