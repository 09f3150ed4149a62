"""Validation of cluster templates: the COE rules that need no cloud
(rules.py), the OpenStack resources they name, checked through the real
clients (cloud.py), and which driver serves them (driver.py)."""
