"""The local cloud inside the all-in-one, wired up like a real cloud.

The API authenticates with keystonemiddleware against the local
identity service, the conductor uses the seeded service user, the API
registers itself in the catalog as `container-infra`, and a clouds.yaml
lets `openstack --os-cloud ...` work as against a production cloud.
"""

import os
import sys

from keystoneauth1 import loading as ks_loading
import yaml

from magnum_like.localcloud import service as localcloud_service
from magnum_like.localcloud.world import seed as seed_mod

SERVICE_USER = "magnum-like"
TRUSTEE_DOMAIN_ADMIN = "magnum_like_domain_admin"
CLOUD_USERS = (("magnum-like-admin", "admin"), ("magnum-like-demo", "demo"),
               ("magnum-like-alt-demo", "alt_demo"))


def _seed_path(conf):
    return conf.localcloud.seed_file or localcloud_service.DEFAULT_SEED


def _seed_users(path):
    """The users of every seed document the local cloud loads (the
    default seed too when `path` sets include_default)."""
    users = {}
    for document in seed_mod.resolve(path):
        users.update({u["name"]: u for u in document.get("users") or []})
    return users


def _set_password_auth(conf, group, auth_url, user):
    """Point a keystoneauth password plugin group at the local cloud."""
    ks_loading.register_auth_conf_options(conf, group)
    conf.register_opts(ks_loading.get_auth_plugin_conf_options("password"),
                       group=group)
    values = {
        "auth_type": "password", "auth_url": auth_url,
        "username": user["name"], "password": user["password"],
        "project_name": user.get("default_project"),
        "user_domain_name": user.get("domain", "Default"),
        "project_domain_name": "Default",
    }
    for key, value in values.items():
        conf.set_override(key, value, group=group)


def _set_trustee_domain(conf, users):
    """The seed's trustee domain and its admin hold cluster trustees."""
    admin = users.get(TRUSTEE_DOMAIN_ADMIN)
    if admin is None or conf.trust.trustee_domain_admin_password:
        return
    for key, value in (("trustee_domain_name", admin["domain"]),
                       ("trustee_domain_admin_name", admin["name"]),
                       ("trustee_domain_admin_domain_name", admin["domain"]),
                       ("trustee_domain_admin_password", admin["password"])):
        conf.set_override(key, value, group="trust")


class EmbeddedCloud:
    def __init__(self, conf, cloud, users):
        self._conf = conf
        self._cloud = cloud
        self._users = users
        self.url = cloud.url
        self.admin_token = cloud.admin_token
        self.clouds_yaml = os.path.join(conf.state_path, "clouds.yaml")
        self.clouds_yaml_text = ""

    def register_api(self, api_url):
        self._cloud.world.identity.register_service(
            "container-infra", "magnum", api_url,
            region=self._conf.localcloud.region_name)
        self._write_clouds_yaml()

    def _write_clouds_yaml(self):
        clouds = {}
        for cloud_name, user_name in CLOUD_USERS:
            user = self._users.get(user_name)
            if user is None:
                continue
            clouds[cloud_name] = {
                "auth": {"auth_url": self._cloud.auth_url,
                         "username": user["name"],
                         "password": user["password"],
                         "project_name": user.get("default_project"),
                         "user_domain_name": user.get("domain", "Default"),
                         "project_domain_name": "Default"},
                "identity_api_version": 3,
                "region_name": self._conf.localcloud.region_name,
            }
        self.clouds_yaml_text = yaml.safe_dump({"clouds": clouds},
                                               default_flow_style=False)
        with open(self.clouds_yaml, "w") as f:
            f.write(self.clouds_yaml_text)
        os.chmod(self.clouds_yaml, 0o600)

    def stop(self):
        self._cloud.stop()


def start(conf):
    """Start the local cloud and configure auth against it."""
    seed = _seed_path(conf)
    users = _seed_users(seed)
    service_user = users.get(SERVICE_USER)
    if service_user is None:
        sys.exit("magnum-like-all-in-one: error: the local cloud's seed %s "
                 "has no user %r for the service (set include_default: "
                 "true, or add that user)" % (seed, SERVICE_USER))
    opts = conf.localcloud
    cloud = localcloud_service.LocalCloud(
        host=opts.host, port=opts.port, seed_file=seed,
        heat_profile=opts.heat_profile,
        token_expiration=opts.token_expiration,
        admin_token=opts.admin_token, region_name=opts.region_name)
    cloud.start()
    # keystonemiddleware registers its options on import.
    from keystonemiddleware import auth_token  # noqa: F401
    _set_password_auth(conf, "keystone_authtoken", cloud.auth_url,
                       service_user)
    conf.set_override("www_authenticate_uri", cloud.auth_url,
                      group="keystone_authtoken")
    _set_password_auth(conf, "keystone_auth", cloud.auth_url, service_user)
    conf.set_override("auth_strategy", "keystone", group="api")
    _set_trustee_domain(conf, users)
    return EmbeddedCloud(conf, cloud, users)
