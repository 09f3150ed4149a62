"""The installed drivers: `magnum_like.drivers` entry points minus
`[drivers] disabled_drivers`, looked up by name or by the
(server_type, os, coe) triple a cluster template asks for.
"""

import threading

from oslo_config import cfg
from oslo_log import log as logging
from stevedore import extension

from magnum_like.common import exceptions

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

NAMESPACE = "magnum_like.drivers"


class Registry:
    """Driver classes by entry-point name and by triple."""

    def __init__(self, drivers):
        """:param drivers: {entry-point name: driver class}"""
        self._by_name = dict(sorted(drivers.items()))
        self._by_triple = {}
        for name, driver in self._by_name.items():
            for triple in driver.triples():
                owner = self._by_triple.setdefault(triple, name)
                if owner != name:
                    LOG.warning("Drivers %s and %s both serve %s; using %s.",
                                owner, name, triple, owner)

    @classmethod
    def from_entry_points(cls, disabled=()):
        manager = extension.ExtensionManager(
            NAMESPACE, invoke_on_load=False,
            on_load_failure_callback=_load_failed)
        return cls({ext.name: ext.plugin for ext in manager
                    if ext.name not in set(disabled)})

    def names(self):
        return list(self._by_name)

    def get(self, name):
        """The driver class named `name` (400 when not installed)."""
        try:
            return self._by_name[name]
        except KeyError:
            raise exceptions.ClusterDriverNotSupported(
                driver_name=name, available=", ".join(self.names()) or
                "none")

    def supported_triples(self):
        return sorted(self._by_triple)

    def describe_supported(self, triples=None):
        """The triples as text for error messages."""
        triples = self.supported_triples() if triples is None else triples
        return ", ".join("(%s, %s, %s)" % t for t in triples) or "none"

    def name_for(self, server_type, os, coe):
        """The name of the driver serving the triple.

        Raises ClusterTypeNotSupported (400) when no installed driver
        serves it and ClusterTypeBetaNotEnabled (400) when only a beta
        driver that is not enabled does.
        """
        triple = (server_type, os, coe)
        name = self._by_triple.get(triple)
        if name is None:
            raise exceptions.ClusterTypeNotSupported(
                server_type=server_type, os=os, coe=coe,
                supported=self.describe_supported())
        self.check_enabled(name, triple)
        return name

    def check_serves(self, name, server_type, os, coe):
        """400 unless the named driver serves the triple."""
        driver = self.get(name)
        if not driver.serves(server_type, os, coe):
            raise exceptions.ClusterTypeNotSupported(
                server_type=server_type, os=os, coe=coe,
                supported="%s (by driver %s)" % (
                    self.describe_supported(driver.triples()), name))
        self.check_enabled(name, (server_type, os, coe))
        return driver

    def check_enabled(self, name, triple):
        driver = self.get(name)
        if driver.beta and name not in CONF.drivers.enabled_beta_drivers:
            server_type, os, coe = triple
            raise exceptions.ClusterTypeBetaNotEnabled(
                server_type=server_type, os=os, coe=coe, driver=name)


def _load_failed(manager, entry_point, error):
    LOG.error("Could not load the driver %s: %s", entry_point.name, error)


_LOCK = threading.Lock()
_CACHE = {}


def get_registry():
    """The process's registry; rebuilt when disabled_drivers changes."""
    disabled = tuple(sorted(CONF.drivers.disabled_drivers))
    with _LOCK:
        registry = _CACHE.get(disabled)
        if registry is None:
            _CACHE.clear()
            registry = Registry.from_entry_points(disabled)
            _CACHE[disabled] = registry
            LOG.info("Cluster drivers loaded: %s",
                     ", ".join(registry.names()) or "none")
        return registry


def reset():
    with _LOCK:
        _CACHE.clear()
