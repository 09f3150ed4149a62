"""Legacy Docker Swarm on Fedora Atomic virtual machines, through Heat."""
