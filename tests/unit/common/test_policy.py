from magnum_like.common import context
from magnum_like.common import exceptions
from magnum_like.common import policies
from magnum_like.common import policy
from tests import base


def _ctx(roles, project="p1", user="u1"):
    return context.RequestContext(roles=roles, project_id=project,
                                  user_id=user)


class TestPolicyDefaults(base.TestCase):
    def test_admin_only_rule(self):
        self.assertTrue(policy.authorize(_ctx(["admin"]),
                                         "magnum-service:get_all"))
        self.assertRaises(exceptions.PolicyNotAuthorized, policy.authorize,
                          _ctx(["member", "reader"]),
                          "magnum-service:get_all")

    def test_project_member_on_own_project(self):
        target = {"project_id": "p1", "user_id": "u1"}
        self.assertTrue(policy.authorize(_ctx(["member"]),
                                         "cluster:create", target))
        self.assertRaises(exceptions.PolicyNotAuthorized, policy.authorize,
                          _ctx(["member"], project="p2"), "cluster:create",
                          target)

    def test_reader_cannot_write(self):
        self.assertTrue(policy.authorize(_ctx(["reader"]), "cluster:get"))
        self.assertRaises(exceptions.PolicyNotAuthorized, policy.authorize,
                          _ctx(["reader"]), "cluster:delete")

    def test_credential_rotate_needs_member_even_for_admin(self):
        target = {"project_id": "p1", "user_id": "u1"}
        self.assertRaises(exceptions.PolicyNotAuthorized, policy.authorize,
                          _ctx(["admin"], project="p2"),
                          "credential:rotate", target)

    def test_message_names_the_rule(self):
        error = self.assertRaises(
            exceptions.PolicyNotAuthorized, policy.authorize,
            _ctx(["reader"]), "quota:create")
        self.assertEqual("Policy doesn't allow quota:create to be "
                         "performed.", str(error))
        self.assertEqual(403, error.code)

    def test_check_is_admin(self):
        self.assertTrue(policy.check_is_admin(_ctx(["admin"])))
        self.assertFalse(policy.check_is_admin(_ctx(["member"])))

    def test_every_rule_is_unique_and_documented(self):
        names = [r.name for r in policies.list_rules()]
        self.assertEqual(len(names), len(set(names)))
        for rule in policies.list_rules():
            self.assertTrue(rule.description, rule.name)
