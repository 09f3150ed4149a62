# selinux.sh: the node's SELinux mode (selinux_mode label): enforcing,
# permissive or disabled, kept across reboots. A node being disabled is
# permissive until it next boots.
# Inputs: SELINUX_MODE.
if [ -f /etc/selinux/config ]; then
    sed -i "s/^SELINUX=.*/SELINUX=${SELINUX_MODE:-enforcing}/" \
        /etc/selinux/config
fi
if command -v selinuxenabled >/dev/null && selinuxenabled; then
    if [ "${SELINUX_MODE:-enforcing}" = enforcing ]; then
        setenforce 1
    else
        setenforce 0
    fi
fi
