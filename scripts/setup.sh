#!/usr/bin/env bash
# Set up everything on a fresh machine: a virtual environment with the package
# (editable, for development), its tools and JupyterLab, the project's Jupyter kernel,
# and a Chromium for PDF printing where one can be installed.
# Usage: bash scripts/setup.sh [VENV]
set -euo pipefail
venv="${1:-.venv}"
python="${PYTHON:-python3}"

"$python" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e ".[dev,lab,bench]"
# The kernel the notebooks name in their metadata (JupyterLab, papermill), installed in this environment.
"$venv/bin/python" -m ipykernel install --sys-prefix --name compact-analysis --display-name compact-analysis >/dev/null

# PDF printing needs a Chromium-family browser (see README, "Design notes").
have_browser() {
  [ -n "${COMPACT_BROWSER:-}" ] && return 0
  for b in chromium chromium-browser google-chrome google-chrome-stable; do command -v "$b" >/dev/null && return 0; done
  return 1
}
if ! have_browser || ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing chromium and poppler-utils with apt-get ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core >/dev/null
  elif ! have_browser; then
    echo "note: no Chromium found and cannot install it here; PDF printing will fail until one is installed" >&2
    echo "      (Debian/Ubuntu: sudo apt-get install chromium; or set COMPACT_BROWSER to a Chrome executable)" >&2
  fi
fi

# axe-core, pinned, from npm into the venv (never a CDN): the real-browser accessibility test injects it
# (compact_analysis/publishing/axe.py). Node and npm come from Debian when missing and we are root.
AXE_VERSION=4.14.1
if [ ! -f "$venv/node_modules/axe-core/axe.min.js" ] || ! grep -q "\"version\": \"$AXE_VERSION\"" "$venv/node_modules/axe-core/package.json"; then
  if ! command -v npm >/dev/null && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing nodejs and npm (for axe-core) with apt-get ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if command -v npm >/dev/null; then
    npm install --silent --prefix "$venv" --no-save --no-package-lock --no-audit --no-fund "axe-core@$AXE_VERSION"
  else
    echo "note: npm not found; the axe-core accessibility test will fail until axe-core $AXE_VERSION is installed" >&2
  fi
fi

# The training aggregation is proved portable against a real PostgreSQL server (tests/training/test_postgres.py).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing postgresql (server binaries for the portability test) with apt-get ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "note: PostgreSQL server binaries not found; the portability test will be skipped (apt-get install postgresql)" >&2
  fi
fi
