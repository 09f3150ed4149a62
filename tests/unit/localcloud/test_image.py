"""Image: visibility, lookup and filters."""

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestImages(base.WorldTestCase):
    def test_seeded_os_distro(self):
        image = self.world.image.find_image(self.demo, "fedora-coreos-40")
        self.assertEqual("fedora-coreos", image["os_distro"])
        bare = self.world.image.find_image(self.demo, "no-os-distro")
        self.assertNotIn("os_distro", bare)

    def test_private_image_visibility(self):
        image = self.world.image
        self.assertRaises(errors.NotFound, image.find_image, self.demo,
                          "alt-private-image")
        own = image.find_image(self.alt, "alt-private-image")
        self.assertEqual(self.alt, own["owner"])
        self.assertEqual(own["id"], image.find_image(
            self.demo, "alt-private-image", is_admin=True)["id"])
        names = {i["name"] for i in image.list_images(self.demo)}
        self.assertNotIn("alt-private-image", names)

    def test_shared_and_community(self):
        image = self.world.image
        shared = image.create_image(self.alt, "shared-img")
        self.assertRaises(errors.NotFound, image.get_image, shared["id"],
                          self.demo)
        image.add_member(shared["id"], self.demo)
        self.assertEqual("shared-img",
                         image.get_image(shared["id"], self.demo)["name"])
        community = image.create_image(self.alt, "comm",
                                       visibility="community")
        listed = {i["name"] for i in image.list_images(self.demo)}
        self.assertNotIn("comm", listed)
        filtered = image.list_images(self.demo,
                                     filters={"visibility": "community"})
        self.assertEqual([community["id"]], [i["id"] for i in filtered])

    def test_filters(self):
        found = self.world.image.list_images(
            self.demo, filters={"os_distro": "fedora-atomic"})
        self.assertEqual(["fedora-atomic-29"], [i["name"] for i in found])
        found = self.world.image.list_images(
            self.demo, filters={"name": "in:ubuntu-mesos,fedora-ironic"})
        self.assertEqual(2, len(found))

    def test_duplicate_names(self):
        self.world.image.create_image(self.demo, "ubuntu-mesos")
        self.assertRaises(errors.Conflict, self.world.image.find_image,
                          self.demo, "ubuntu-mesos")

    def test_update_and_delete_need_owner(self):
        image = self.world.image
        rec = image.create_image(self.demo, "mine", magnum_driver="x")
        self.assertEqual("x", rec["magnum_driver"])
        public = image.find_image(self.demo, "ubuntu-mesos")
        self.assertRaises(errors.Forbidden, image.update_image,
                          public["id"], self.demo, name="hacked")
        updated = image.update_image(rec["id"], self.demo,
                                     os_distro="fedora-coreos",
                                     magnum_driver=None)
        self.assertNotIn("magnum_driver", updated)
        image.delete_image(rec["id"], self.demo)
        self.assertRaises(errors.NotFound, image.get_image, rec["id"],
                          self.demo)
