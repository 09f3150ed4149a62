"""Default policy rules of certificate API calls.

Magnum's defaults, plus the cluster's own trustee (`cluster_user`) for
fetching its CAs and signing: the nodes authenticate as the trustee.
"""

from oslo_policy import policy

from magnum_like.common.policies import base

CLUSTER_USER = "rule:cluster_user"

rules = [
    policy.RuleDefault(
        "cluster_user", "user_id:%(trustee_user_id)s",
        description="The trustee of the cluster (its nodes)."),
    base.api_rule(
        'certificate:create',
        base.ADMIN_OR_PROJECT_MEMBER_USER + " or " + CLUSTER_USER,
        'Sign a certificate request.',
        'POST', '/v1/certificates'),
    base.api_rule(
        'certificate:get',
        base.ADMIN_OR_PROJECT_READER_USER + " or " + CLUSTER_USER,
        "Show a cluster's CA certificate.",
        'GET', '/v1/certificates/{cluster_uuid}'),
    base.api_rule(
        'certificate:rotate_ca', base.ADMIN_OR_PROJECT_MEMBER,
        "Rotate a cluster's CA.",
        'PATCH', '/v1/certificates/{cluster_uuid}'),
]


def list_rules():
    return rules
