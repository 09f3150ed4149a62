"""Resource plugins of the emulated Heat, one module per family."""

from magnum_like.localcloud.heat.resources import cinder
from magnum_like.localcloud.heat.resources import group
from magnum_like.localcloud.heat.resources import heat_basic
from magnum_like.localcloud.heat.resources import heat_signal
from magnum_like.localcloud.heat.resources import neutron
from magnum_like.localcloud.heat.resources import neutron_l3
from magnum_like.localcloud.heat.resources import nova
from magnum_like.localcloud.heat.resources import octavia

ALL_PLUGINS = ([group.ResourceGroup()] + heat_basic.PLUGINS +
               heat_signal.PLUGINS + nova.PLUGINS + neutron.PLUGINS +
               neutron_l3.PLUGINS + cinder.PLUGINS + octavia.PLUGINS)
