"""Default policy rules of stats API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'stats:get_all', base.ADMIN_OR_PROJECT_READER,
        'Show cluster and node counts.',
        'GET', '/v1/stats'),
]


def list_rules():
    return rules
