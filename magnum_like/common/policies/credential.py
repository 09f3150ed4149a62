"""Default policy rules of credential API calls."""

from magnum_like.common.policies import base

rules = [
    base.api_rule(
        'credential:rotate', base.PROJECT_MEMBER,
        "Rotate a cluster's credentials.",
        'PATCH', '/v1/credentials/{cluster_uuid}'),
]


def list_rules():
    return rules
