"""Real OpenStack Heat (`openstack-heat` from PyPI) for the tests."""
