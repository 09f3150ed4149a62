"""Default policy rules of magnum service API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'magnum-service:get_all', base.ADMIN,
        'List conductor services.',
        'GET', '/v1/mservices'),
]


def list_rules():
    return rules
