#!/usr/bin/env bash
# Prove the package works once installed, not only in a checkout (issue #23): build the wheel from a
# copy of this checkout, install it in a fresh virtual environment, and run init-demo, ingest and
# report from a folder outside the checkout, with nothing of the checkout on the path.
# Usage: bash scripts/wheel_check.sh        (PYTHON=python3.12 to try another Python; KEEP=1 keeps the work folder)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ca-wheel-check-XXXXXX")"
[ "${KEEP:-}" = "1" ] || trap 'rm -rf "$work"' EXIT
step() { printf '%s wheel-check: %s\n' "$(date +%H:%M:%S)" "$*"; }

step "copying the checkout to $work/src (no .git, .venv, build/ or data)"
mkdir -p "$work/src" "$work/dist" "$work/elsewhere"
tar -C "$root" --exclude=./.git --exclude=./.venv --exclude=./build --exclude='*.egg-info' \
  --exclude=./data/demo --exclude=./reports --exclude=./benchmarks/work -cf - . | tar -C "$work/src" -xf -

step "building the wheel with $("$python" --version)"
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src" 2>&1 | grep -v -i "deprecat\|license\|^ *!!\|\*\*\*\|^ *$\|corresp\|See https" || true
wheel="$(ls "$work/dist"/compact_analysis-*.whl)"
for inside in resources/frameworks/compact-2009-10.yaml resources/notebooks/period_evaluation.ipynb templates/compact/index.html.j2; do
  "$python" -m zipfile -l "$wheel" | grep -q "compact_analysis/$inside" || { echo "wheel-check: $inside is not in the wheel" >&2; exit 1; }
done

step "installing $(basename "$wheel") in a fresh virtual environment"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet "$wheel"

cd "$work/elsewhere"
unset PYTHONPATH
ca="$work/venv/bin/compact-analysis"
installed="$("$work/venv/bin/python" -c 'import compact_analysis; print(compact_analysis.__file__)')"
case "$installed" in "$work/venv/"*) ;; *) echo "wheel-check: imported $installed, not the installed wheel" >&2; exit 1 ;; esac

step "init-demo, ingest and report from $PWD"
"$ca" init-demo --data demo --members 20
"$ca" ingest --data demo --allow-quarantine
pdf="--no-pdf"; out="evaluation.html"
if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "${COMPACT_BROWSER:-}" ]; then
  pdf="--pdf"; out="evaluation.pdf"
fi
"$ca" report --data demo --period 2009-10-Q2 "$pdf" --workers 1 --out reports
for f in evaluation.html "$out" manifest.json; do
  [ -s "reports/compact-2009-10/2009-10-Q2/$f" ] || { echo "wheel-check: reports/compact-2009-10/2009-10-Q2/$f missing" >&2; exit 1; }
done
help="$("$work/venv/bin/papermill" --help-notebook "$(dirname "$installed")/resources/notebooks/period_evaluation.ipynb")"
case "$help" in *"period: str"*) ;; *) echo "wheel-check: the packaged notebook's parameters have no types" >&2; exit 1 ;; esac
step "ok: the installed wheel rendered reports/compact-2009-10/2009-10-Q2 ($pdf) outside the checkout"
