"""magnum_like: container orchestration clusters as an OpenStack API
resource, compatible with OpenStack Magnum."""

import warnings

from oslo_service import backend as _oslo_service_backend
from oslo_service.backend import exceptions as _oslo_service_exceptions

# futurist imports eventlet when it happens to be installed (oslo.service
# depends on it); nothing here uses it, so its deprecation notice is noise.
warnings.filterwarnings("ignore", message="\nEventlet is deprecated")

# No eventlet anywhere: oslo.messaging imports oslo.service, whose default
# backend is eventlet. Select the threading backend before anything asks.
# A tool that imported oslo.service's default first (a config generator,
# say) keeps its choice: it runs none of our services.
try:
    _oslo_service_backend.init_backend(
        _oslo_service_backend.BackendType.THREADING)
except _oslo_service_exceptions.BackendAlreadySelected:
    pass
