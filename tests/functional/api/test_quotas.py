"""/v1/quotas, with the project checked in the local Keystone: as the
service user under noauth and as the caller under keystone."""

from tests.functional.api import clusters as helpers

URL = "/v1/quotas"


class QuotaChecks:
    def quota(self, expect=201, headers=None, **body):
        resp = self.request(URL, method="POST", body=body,
                            headers=headers or self.admin)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp

    def test_create_show_update_delete(self):
        demo = self.project_id("demo")
        created = self.quota(project_id=demo, hard_limit=3).json
        self.assertEqual((demo, "Cluster", 3),
                         (created["project_id"], created["resource"],
                          created["hard_limit"]))
        self.assertIsInstance(created["id"], int)
        path = "%s/%s/Cluster" % (URL, demo)
        self.assertEqual(created, self.get_json(path, headers=self.admin))
        self.assertEqual(3, self.get_json(path, headers=self.demo)[
            "hard_limit"])
        resp = self.request(path, method="PATCH", headers=self.admin,
                            body={"project_id": demo, "resource": "Cluster",
                                  "hard_limit": 7})
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual(7, resp.json["hard_limit"])
        self.request(path, method="DELETE", headers=self.admin, expect=204)
        shown = self.get_json(path, headers=self.admin)
        self.assertEqual({"project_id": demo, "resource": "Cluster",
                          "hard_limit": 20}, shown)
        for method, body in (("PATCH", {"hard_limit": 1}),
                             ("DELETE", None)):
            resp = self.request(path, method=method, headers=self.admin,
                                body=body)
            self.assert_error(resp, 404, "Quota")

    def test_create_errors(self):
        demo = self.project_id("demo")
        self.quota(project_id=demo)
        self.assert_error(self.quota(expect=409, project_id=demo), 409,
                          "already exists")
        self.assert_error(self.quota(expect=404, project_id="nope"), 404,
                          "Project nope could not be found")
        for body in ({}, {"project_id": demo, "resource": "Pod"},
                     {"project_id": demo, "hard_limit": -1},
                     {"project_id": demo, "id": 5}):
            self.assertEqual(400, self.quota(expect=None,
                                             **body).status_int, body)
        self.assert_error(self.quota(expect=403, headers=self.demo,
                                     project_id=demo), 403, "quota:create")

    def test_list(self):
        demo, alt = self.project_id("demo"), self.project_id("alt_demo")
        admin = self.project_id("admin")
        for project in (demo, alt, admin):
            self.quota(project_id=project)
        own = self.get_json(URL, headers=self.admin)["quotas"]
        self.assertEqual([admin], [q["project_id"] for q in own])
        every = self.get_json(URL + "?all_tenants=True",
                              headers=self.admin)["quotas"]
        self.assertEqual([demo, alt, admin],
                         [q["project_id"] for q in every])
        page = self.get_json(URL + "?all_tenants=1&limit=2",
                             headers=self.admin)
        self.assertEqual(
            "http://localhost/v1/quotas?sort_key=id&sort_dir=asc&"
            "limit=2&marker=%d" % every[1]["id"], page["next"])
        self.assert_error(self.request(URL, headers=self.demo), 403)
        self.assert_error(self.request(URL + "?marker=x",
                                       headers=self.admin), 400)
        self.assert_error(self.request(URL + "?marker=999",
                                       headers=self.admin), 404)

    def test_other_projects_quota_is_admins_only(self):
        path = "%s/%s/Cluster" % (URL, self.project_id("alt_demo"))
        self.assert_error(self.request(path, headers=self.demo), 403)
        self.assertEqual(20, self.get_json(path, headers=self.admin)[
            "hard_limit"])
        self.assert_error(self.request(
            "%s/%s/Pod" % (URL, self.project_id("demo")),
            headers=self.demo), 404)


class TestQuotasNoAuth(QuotaChecks, helpers.ClusterTestCase):
    pass


class TestQuotasKeystone(QuotaChecks, helpers.ClusterTestCase):
    auth_strategy = "keystone"
