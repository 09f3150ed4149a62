from magnum_like.common import context
from magnum_like.common import exceptions
from magnum_like.common import rpc
from tests import base


class TestSerializer(base.TestCase):
    def test_context_round_trip(self):
        serializer = rpc.RequestContextSerializer(
            rpc.JsonPayloadSerializer())
        ctx = context.RequestContext(user_id="u", project_id="p",
                                     roles=["member"], all_tenants=True,
                                     auth_token="secret-token")
        back = serializer.deserialize_context(
            serializer.serialize_context(ctx))
        self.assertIsInstance(back, context.RequestContext)
        self.assertEqual(("u", "p", ["member"], True),
                         (back.user_id, back.project_id, back.roles,
                          back.all_tenants))

    def test_entities_are_json_primitives(self):
        serializer = rpc.JsonPayloadSerializer()
        self.assertEqual({"a": [1, "b"]},
                         serializer.serialize_entity(None,
                                                     {"a": (1, "b")}))


class TestExceptions(base.TestCase):
    def test_message_template_and_code(self):
        error = exceptions.ClusterNotFound(cluster="c1")
        self.assertEqual("Cluster c1 could not be found.", str(error))
        self.assertEqual(404, error.code)

    def test_bad_kwargs_fall_back_to_template(self):
        error = exceptions.ClusterNotFound(other="x")
        self.assertEqual(exceptions.ClusterNotFound.message, str(error))

    def test_explicit_message(self):
        self.assertEqual("custom", str(exceptions.Invalid("custom")))
