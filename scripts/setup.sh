#!/usr/bin/env bash
# Create .venv from uv.lock (installing uv first if needed). With --render, also install the
# system packages needed to render PDFs (LibreOffice Calc, a CJK font, poppler), Debian's
# Chromium, which the dashboard's browser test drives (playwright never downloads a browser), and
# Redis, the broker the Celery deployment test starts (tests/test_dagster_scaling.py).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--render" ]] &&
  ! { command -v soffice && command -v chromium && command -v redis-server; } >/dev/null 2>&1; then
  echo "== installing LibreOffice + CJK font (renders the test PDFs), Chromium (dashboard test),"
  echo "   Redis (the Celery deployment test's broker)"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui fonts-wqy-zenhei poppler-utils chromium redis-server >/dev/null
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "== installing uv"
  python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi
echo "== syncing .venv from uv.lock"
# Bytecode compiled at install: with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every
# process would otherwise compile great-expectations, dagster and pandas from source again,
# ~17 s instead of ~7 s before the first page is read.
uv sync --frozen --quiet --compile-bytecode
# Our own packages too (an editable install is not compiled by uv): each worker process imports
# them; a .pyc older than its source is ignored, so editing never runs stale code.
.venv/bin/python -m compileall -q pipelines testkit >/dev/null
