"""Keystone emulation through keystoneauth1 and keystonemiddleware."""

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystonemiddleware import auth_token
import webob

from tests.functional.localcloud import base


def _echo_app(environ, start_response):
    body = ("%s|%s|%s" % (environ.get("HTTP_X_USER_NAME"),
                          environ.get("HTTP_X_PROJECT_NAME"),
                          environ.get("HTTP_X_ROLES"))).encode()
    start_response("200 OK", [("Content-Type", "text/plain"),
                              ("Content-Length", str(len(body)))])
    return [body]


class TestKeystoneauth(base.LocalCloudTestCase):
    def test_password_session_token_and_catalog(self):
        sess = self.session("demo")
        self.assertTrue(sess.get_token())
        access = sess.auth.get_access(sess)
        self.assertEqual("demo", access.project_name)
        self.assertEqual({"member", "reader"}, set(access.role_names))
        for service_type in ("compute", "image", "network", "orchestration",
                             "load-balancer", "identity"):
            url = sess.get_endpoint(service_type=service_type,
                                    interface="public")
            self.assertTrue(url.startswith(self.cloud.url), url)
        heat = sess.get_endpoint(service_type="orchestration")
        self.assertTrue(heat.endswith("/heat-api/v1/" + access.project_id))

    def test_bad_password(self):
        sess = self.session("demo", password="wrong")
        self.assertRaises(ks_exc.Unauthorized, sess.get_token)

    def test_version_discovery(self):
        sess = ks_session.Session()
        resp = sess.get(self.cloud.url + "/identity", raise_exc=False)
        self.assertEqual(300, resp.status_code)
        values = resp.json()["versions"]["values"]
        self.assertEqual("v3.14", values[0]["id"])

    def test_trust_scoped_token(self):
        admin = self.session("admin")
        demo = self.session("demo")
        demo_access = demo.auth.get_access(demo)
        ident = "/v3"
        domain = admin.get(ident + "/domains?name=magnum_like",
                           endpoint_filter={"service_type": "identity"}
                           ).json()["domains"][0]
        user = admin.post(ident + "/users", json={"user": {
            "name": "trustee-func", "password": "trustee-pw",
            "domain_id": domain["id"]}},
            endpoint_filter={"service_type": "identity"}).json()["user"]
        self.addCleanup(admin.delete, ident + "/users/" + user["id"],
                        endpoint_filter={"service_type": "identity"})
        trust = demo.post(ident + "/OS-TRUST/trusts", json={"trust": {
            "trustor_user_id": demo_access.user_id,
            "trustee_user_id": user["id"],
            "project_id": demo_access.project_id, "impersonation": True,
            "roles": [{"name": "member"}]}},
            endpoint_filter={"service_type": "identity"}).json()["trust"]
        trustee = ks_session.Session(auth=v3.Password(
            auth_url=self.cloud.auth_url, user_id=user["id"],
            password="trustee-pw", trust_id=trust["id"]))
        access = trustee.auth.get_access(trustee)
        self.assertEqual(trust["id"], access.trust_id)
        self.assertEqual(demo_access.user_id, access.user_id)
        self.assertTrue(access.trust_scoped)
        listed = demo.get(ident + "/OS-TRUST/trusts?trustor_user_id="
                          + demo_access.user_id,
                          endpoint_filter={"service_type": "identity"})
        self.assertEqual([trust["id"]],
                         [t["id"] for t in listed.json()["trusts"]])
        demo.delete(ident + "/OS-TRUST/trusts/" + trust["id"],
                    endpoint_filter={"service_type": "identity"})

    def test_application_credential(self):
        demo = self.session("demo")
        user_id = demo.get_user_id()
        path = "/v3/users/%s/application_credentials" % user_id
        resp = demo.post(path, json={"application_credential": {
            "name": "func-cred", "roles": [{"name": "reader"}]}},
            endpoint_filter={"service_type": "identity"})
        self.assertEqual(201, resp.status_code)
        cred = resp.json()["application_credential"]
        app_sess = ks_session.Session(auth=v3.ApplicationCredential(
            auth_url=self.cloud.auth_url,
            application_credential_id=cred["id"],
            application_credential_secret=cred["secret"]))
        access = app_sess.auth.get_access(app_sess)
        self.assertEqual(["reader"], access.role_names)
        demo.delete(path + "/" + cred["id"],
                    endpoint_filter={"service_type": "identity"})


class TestKeystonemiddleware(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        creds = self.cloud.credentials("magnum-like")
        conf = dict(creds, auth_type="password",
                    www_authenticate_uri=self.cloud.auth_url,
                    delay_auth_decision="false", include_service_catalog=
                    "true")
        self.app = auth_token.AuthProtocol(_echo_app, conf)

    def call(self, token):
        req = webob.Request.blank("/")
        if token:
            req.headers["X-Auth-Token"] = token
        return req.get_response(self.app)

    def test_valid_user_token(self):
        token = self.session("demo").get_token()
        resp = self.call(token)
        self.assertEqual(200, resp.status_int)
        self.assertEqual("demo|demo|", resp.text[:10])
        self.assertIn("member", resp.text)

    def test_bad_and_missing_tokens(self):
        self.assertEqual(401, self.call("not-a-token").status_int)
        resp = self.call(None)
        self.assertEqual(401, resp.status_int)
        self.assertIn(self.cloud.auth_url,
                      resp.headers["WWW-Authenticate"])
