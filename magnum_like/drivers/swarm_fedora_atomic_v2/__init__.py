"""Docker Swarm mode on Fedora Atomic virtual machines, through Heat."""
