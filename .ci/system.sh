#!/usr/bin/env bash
# System packages the test suite needs, installed from Debian only when missing; sourced by .ci/run.
#
#   poppler-utils          pdftotext and pdftoppm: Arabic text read back in reading order, pages looked at
#   libical-dev pkg-config gcc   ../shared/tools/icalcheck builds itself with them: libical judges every .ics
#   zbar-tools             zbarimg: the certificates' QR codes are decoded back in a test
#
# Every font comes from PyPI (fontpkg-*, and pylopdf-fonts-zh-cn for Chinese), so no font package is
# installed here: CI proves that the documents need none. With CI=true the pdftotext and libical tests fail
# instead of skipping when these are missing. Idempotent and quick: when everything is there it runs no
# apt-get at all. Sourced, so it returns rather than exits and leaves no variables or functions behind.

tiptrain_system_packages() {
    local wanted=(poppler-utils libical-dev pkg-config gcc zbar-tools)
    local missing=()
    local package
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("${package}")
        fi
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        echo "system.sh: ${wanted[*]} already installed" >&2
        return 0
    fi
    local run=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            run=(sudo -n)
        else
            echo "system.sh: ${missing[*]} missing and installing needs root (apt-get install ${missing[*]})" >&2
            return 1
        fi
    fi
    echo "system.sh: installing ${missing[*]}" >&2
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
        || return 1
}

tiptrain_system_status=0
tiptrain_system_packages || tiptrain_system_status=$?
unset -f tiptrain_system_packages
if [ "${tiptrain_system_status}" -ne 0 ]; then
    unset tiptrain_system_status
    echo "system.sh: could not install the system packages the tests need" >&2
    return 1 2>/dev/null || exit 1
fi
unset tiptrain_system_status
