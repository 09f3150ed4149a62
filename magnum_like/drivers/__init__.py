"""COE drivers: the contract (base.py), the shared COE rules
(coe_rules.py), the registry of installed drivers (registry.py) and one
small package per driver, found through the `magnum_like.drivers` entry
points."""
