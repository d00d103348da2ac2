#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml's ranges: bash requirements/refresh.sh
# Each lock pins every package, its dependencies included, at the exact version the tests ran with;
# .ci/run, the README's commands and the installer build install from them. After refreshing, run
# the whole suite (bash .ci/run) before committing the new locks.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/pip" install -q pip-tools==7.7.0
export CUSTOM_COMPILE_COMMAND="bash requirements/refresh.sh"
compile() {
    "$tools/venv/bin/pip-compile" -q --strip-extras --no-emit-index-url --no-emit-find-links --upgrade "$@" pyproject.toml
}
compile --extra app -o requirements/app.txt                                   # the app and predict
compile --extra app --extra installer -o requirements/installer.txt           # the installer build
compile --all-extras -o requirements/all.txt                                  # tests, trainer, everything
