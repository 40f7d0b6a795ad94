#!/usr/bin/env bash
# The main job: installs what the build needs (see scripts/lib/requirements.sh), builds
# verdeel in release mode for this machine's vector instructions (VERDEEL_NATIVE=1; the
# same results as the default build, faster: docs/performance.md) and runs it. Without arguments it runs the bundled Sociale Agenda
# scenario; any arguments are passed to `verdeel run`, e.g.
#   scripts/run.sh Scenarios/sociale-agenda.verdeel --scenario baseline --output out
# The binary is .build/release/verdeel; `export PATH="$PWD/.build/release:$PATH"` puts it
# on the PATH for the other commands in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/requirements.sh
require_build_packages
VERDEEL_NATIVE=1 swift build -c release --product verdeel
exec .build/release/verdeel run "$@"
