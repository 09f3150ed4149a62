"""oslo.policy enforcement with the defaults of magnum_like.common.policies.
"""

import threading

from oslo_config import cfg
from oslo_policy import opts as policy_opts
from oslo_policy import policy

from magnum_like.common import exceptions
from magnum_like.common import policies

CONF = cfg.CONF

_ENFORCER = None
_LOCK = threading.Lock()

# Magnum's policy files are YAML; so are ours.
policy_opts.set_defaults(CONF, "policy.yaml")


def get_enforcer():
    """The process-wide enforcer (also the oslo.policy.enforcer hook)."""
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is None:
            enforcer = policy.Enforcer(CONF)
            enforcer.register_defaults(policies.list_rules())
            _ENFORCER = enforcer
    return _ENFORCER


def reset():
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is not None:
            _ENFORCER.clear()
        _ENFORCER = None


def authorize(context, action, target=None, do_raise=True):
    """Check `action` for `context` on `target`.

    Without a target the caller's own project and user are the target, as
    in Magnum. Raises PolicyNotAuthorized (403) when `do_raise`.
    """
    if target is None:
        target = {"project_id": context.project_id,
                  "user_id": context.user_id}
    try:
        return get_enforcer().authorize(
            action, target, context, do_raise=do_raise,
            exc=exceptions.PolicyNotAuthorized, action=action)
    except policy.InvalidScope:
        raise exceptions.PolicyNotAuthorized(action=action)


def check_is_admin(context):
    """Whether the context's roles make it an administrator."""
    target = {"project_id": context.project_id, "user_id": context.user_id}
    return get_enforcer().authorize("context_is_admin", target, context,
                                    do_raise=False)
