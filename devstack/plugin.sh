#!/bin/bash
# devstack plugin of magnum_like: the Magnum-compatible container-infra
# API (magnum-like-api) and its conductor (magnum-like-conductor).

MAGNUM_LIKE_BIN_DIR=$(get_python_exec_prefix)
source $DEST/magnum_like/devstack/lib/magnum_like

if is_service_enabled magnum-like-api magnum-like-cond; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing magnum_like"
        install_magnum_like
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        echo_summary "Configuring magnum_like"
        configure_magnum_like
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        echo_summary "Initializing and starting magnum_like"
        init_magnum_like
        if is_service_enabled glance; then
            upload_magnum_like_image
        fi
        start_magnum_like
    fi
    if [[ "$1" == "unstack" ]]; then
        stop_magnum_like
    fi
    if [[ "$1" == "clean" ]]; then
        cleanup_magnum_like
    fi
fi
