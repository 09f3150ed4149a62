"""Random human-readable names for resources created without one."""

import random

_LETTERS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
            "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
            "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi",
            "chi", "psi", "omega")


def generate(suffix):
    """A name like `zeta-22-<suffix>`, as Magnum makes them."""
    return "%s-%d-%s" % (random.choice(_LETTERS), random.randint(1, 24),
                         suffix)
