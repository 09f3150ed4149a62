import inspect

from pecan import util as pecan_util

from magnum_like.api import pecan_argspec
from tests import base


class Controller:
    def get_one(self, ident, fields=None, *args, **kwargs):
        pass


class TestPecanArgspec(base.TestCase):
    def test_matches_inspect_and_is_cached(self):
        method = Controller().get_one
        spec = pecan_argspec.getargspec(method)
        full = inspect.getfullargspec(method)
        self.assertEqual((full.args, full.varargs, full.varkw,
                          full.defaults), tuple(spec))
        self.assertIs(spec, pecan_argspec.getargspec(method))

    def test_unhashable_callable(self):
        class Unhashable:
            __hash__ = None

            def __call__(self, a, b=1):
                pass
        spec = pecan_argspec.getargspec(Unhashable())
        self.assertEqual(["self", "a", "b"], spec.args)

    def test_installed_into_pecan(self):
        pecan_argspec.install()
        self.assertIs(pecan_argspec.getargspec, pecan_util._getargspec)
        self.assertEqual(["self", "ident", "fields"],
                         pecan_util.getargspec(Controller.get_one).args)
