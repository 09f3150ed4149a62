"""Map resource type names (after the environment) to plugins."""

from magnum_like.localcloud.heat import environment as env_mod
from magnum_like.localcloud.heat import errors


def find_file(files, name):
    """The key of ``files`` for a template name (exact, then basename)."""
    if name in files:
        return name
    base = name.rsplit("/", 1)[-1]
    matches = [k for k in files if k.rsplit("/", 1)[-1] == base]
    return matches[0] if len(matches) == 1 else None


class Registry:
    def __init__(self, plugins):
        self.types = {p.type_name: p for p in plugins}
        self.world = None
        self._templates = {}

    def lookup(self, rtype, definition, resource_name):
        final = definition.env.resolve_type(rtype, resource_name)
        plugin = self.types.get(final)
        if plugin is not None:
            return plugin
        if env_mod.is_template_name(final):
            key = find_file(definition.files, final)
            if key is None:
                raise errors.StackValidationFailed(
                    'Could not fetch remote template "%s": it is not in '
                    'the "files" of the request' % final)
            return self._template(key, definition.files[key], rtype)
        raise errors.ResourceTypeNotFound(rtype)

    def check_available(self, rtype, definition, resource_name):
        """Heat refuses a resource type whose service has no endpoint in
        the catalog (OS::Cinder::* without volumev3), even when the
        resource's condition leaves it out."""
        if not isinstance(rtype, str):
            return
        final = definition.env.resolve_type(rtype, resource_name)
        needs = getattr(self.types.get(final), "service", None)
        if needs and self.world is not None and needs[1] not in {
                s["type"] for s in self.world.identity.list_services()}:
            raise errors.ResourceTypeUnavailable(needs[0], final)

    def _template(self, key, text, rtype):
        from magnum_like.localcloud.heat.resources import nested
        cache_key = (key, rtype, hash(text) if isinstance(text, str)
                     else id(text))
        plugin = self._templates.get(cache_key)
        if plugin is None:
            plugin = nested.TemplateResource(key, text, rtype)
            if len(self._templates) > 512:
                self._templates.clear()
            self._templates[cache_key] = plugin
        return plugin


def default_registry():
    from magnum_like.localcloud.heat.resources import ALL_PLUGINS
    return Registry(ALL_PLUGINS)
