"""Apache Mesos on Ubuntu virtual machines, through Heat."""
