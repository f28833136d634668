#!/usr/bin/env bash
# Idempotent set-up of the checkout: Odoo 16 source, a virtualenv with Odoo and
# the project's pinned requirements. Quiet and fast when nothing changed.
set -euo pipefail
# shellcheck source=tools/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

fetch_odoo_src() {
    # Upstream 16.0 source: the official nightly archive, else a shallow clone.
    local tmp
    tmp="$(mktemp -d)"
    if command -v curl >/dev/null &&
        curl -fsSL --connect-timeout 15 --max-time 900 -o "$tmp/odoo.tar.gz" \
            "https://nightly.odoo.com/16.0/nightly/src/odoo_16.0.latest.tar.gz" 2>/dev/null &&
        mkdir -p "$tmp/src" &&
        tar -xzf "$tmp/odoo.tar.gz" -C "$tmp/src" --strip-components=1 2>/dev/null; then
        mkdir -p "$(dirname "$ODOO_SRC")"
        mv "$tmp/src" "$ODOO_SRC"
    elif command -v git >/dev/null &&
        GIT_TERMINAL_PROMPT=0 timeout 1800 git clone -q --depth 1 --branch 16.0 \
            https://github.com/odoo/odoo.git "$tmp/src" >/dev/null 2>&1; then
        mkdir -p "$(dirname "$ODOO_SRC")"
        mv "$tmp/src" "$ODOO_SRC"
    else
        rm -rf "$tmp"
        die "no Odoo 16 source at $ODOO_SRC and it could not be downloaded: set ODOO_SRC to an Odoo 16.0 source tree."
    fi
    rm -rf "$tmp"
    say "downloaded the Odoo 16 source to $ODOO_SRC"
}

check_odoo_src() {
    if [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
        if [ -n "${ODOO_SRC_NO_FETCH:-}" ]; then
            die "no Odoo 16 source at $ODOO_SRC: set ODOO_SRC to an Odoo 16.0 source tree."
        fi
        fetch_odoo_src
    fi
    if ! grep -q "^version_info = (16, 0," "$ODOO_SRC/odoo/release.py"; then
        die "$ODOO_SRC is not an Odoo 16.0 source tree: set ODOO_SRC to one."
    fi
}

pick_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.11 python3.10 python3; do
        if command -v "$candidate" >/dev/null &&
            "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return
        fi
    done
    die "Odoo 16 needs Python 3.10 or 3.11: install one, or set PYTHON to its path."
}

odoo_requirements() {
    # Odoo's own pins, less python-ldap (only auth_ldap needs it, and it needs
    # libldap headers) and with the self-contained psycopg2 wheel.
    sed -e '/^python-ldap/d' \
        -e 's/^psycopg2==/psycopg2-binary==/' \
        "$ODOO_SRC/requirements.txt"
}

stamp() {
    {
        echo "$ODOO_SRC"
        odoo_requirements
        cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt"
    } | sha256sum | cut -d' ' -f1
}

pip_install() {
    # The noise filtered here is about extra package indexes of some machines.
    "$PY" -m pip install -q --disable-pip-version-check "$@" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

ensure_venv() {
    local want
    want="$(stamp)"
    if [ -x "$PY" ] && [ "$(cat "$VENV/.komunigi-stamp" 2>/dev/null)" = "$want" ]; then
        return
    fi
    say "setting up the virtualenv in .venv (a few minutes the first time)..."
    if [ ! -x "$PY" ]; then
        "$(pick_python)" -m venv "$VENV"
    fi
    local reqs
    reqs="$(mktemp)"
    odoo_requirements >"$reqs"
    pip_install "pip>=23,<25" "setuptools<70" wheel
    pip_install -r "$reqs" -r "$ROOT/requirements-dev.txt"
    # Odoo itself, editable in compat mode: a plain path entry, so that OCA
    # addons installed later as odoo-addon-* wheels extend odoo.addons instead
    # of shadowing the odoo package.
    pip_install --no-deps --no-build-isolation --use-pep517 --config-settings editable_mode=compat \
        -e "$ODOO_SRC"
    # Third-party addons (OCA wheels from PyPI). They all require "odoo", which
    # pip would resolve again from Odoo's unpinned setup.py: requirements.txt
    # lists every addon wheel, the ones they depend on included.
    pip_install --no-deps -r "$ROOT/requirements.txt"
    rm -f "$reqs"
    echo "$want" >"$VENV/.komunigi-stamp"
}

ensure_wkhtmltopdf() {
    # Odoo renders every PDF (wallet statements, the welcome booklet) with
    # wkhtmltopdf: without it printing falls back to HTML and any email with
    # a PDF attachment fails.
    command -v wkhtmltopdf >/dev/null && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing wkhtmltopdf with apt-get for the PDF reports..."
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf >/dev/null
    else
        say "wkhtmltopdf is not installed: PDF reports will fail (apt-get install wkhtmltopdf)."
    fi
}

check_odoo_src
ensure_venv
ensure_wkhtmltopdf
