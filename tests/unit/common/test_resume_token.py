"""The caller's token kept, encrypted, with a create intent."""

import types

import fixtures

from magnum_like.common import context as ml_context
from magnum_like.common import crypto
from magnum_like.common import resume_token
from magnum_like.conductor import reconcile
from tests import base

TOKEN = "gAAAAABcallerToken-0123456789"


def _cluster(pending, trust_id=None):
    return types.SimpleNamespace(
        uuid="u", user_id="user-1", project_id="project-1",
        stack_id=None, trust_id=trust_id, pending_operation=pending)


class TestResumeToken(base.TestCase):
    def sealed(self, token=TOKEN):
        return resume_token.sealed_token(
            ml_context.make_context(auth_token=token))

    def test_round_trip_is_encrypted(self):
        sealed = self.sealed()
        self.assertNotIn(TOKEN, sealed)
        ctx = resume_token.caller_context(_cluster(
            {"op": "create", resume_token.SEALED_FIELD: sealed}))
        self.assertEqual((TOKEN, "user-1", "project-1"),
                         (ctx.auth_token, ctx.user_id, ctx.project_id))

    def test_nothing_kept_without_a_token_or_a_key(self):
        self.assertIsNone(self.sealed(token=None))
        logs = self.useFixture(fixtures.FakeLogger())
        self.config(encryption_key=None, group="certificates")
        self.assertIsNone(self.sealed())
        self.assertIn("will not be resumable", logs.output)
        self.assertNotIn(TOKEN, logs.output)

    def test_unreadable_or_missing_token_gives_no_context(self):
        sealed = self.sealed()
        self.assertIsNone(resume_token.caller_context(
            _cluster({"op": "create"})))
        self.config(encryption_key=crypto.generate_key(),
                    group="certificates")
        self.assertIsNone(resume_token.caller_context(_cluster(
            {"op": "create", resume_token.SEALED_FIELD: sealed})))

    def test_without_token(self):
        self.assertEqual({"op": "create", "params": {}},
                         resume_token.without_token(
                             {"op": "create", "params": {},
                              resume_token.SEALED_FIELD: "x"}))

    def test_reconciliation_resumes_a_create_only_with_a_kept_token(self):
        kept = _cluster({"op": "create", "params": {},
                         resume_token.SEALED_FIELD: self.sealed()})
        self.assertEqual(reconcile.DRIVE, reconcile.decide(kept, [])[0])
        lost = _cluster({"op": "create", "params": {}})
        self.assertEqual(reconcile.FAIL, reconcile.decide(lost, [])[0])
