#!/usr/bin/env bash
# One-command setup of a fresh Debian 12 machine: QGIS 3.22 + PyQGIS + GDAL tools from Debian, and
# .venv (seeing the system packages) with pinned torch, torchvision, scikit-learn and test tools.
# Idempotent: what is already there is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
STAMP="$VENV/.crosstime-setup"
APT_PACKAGES="qgis python3-qgis qgis-server python3-gdal python3-rasterio python3-matplotlib python3-pil python3-venv xvfb xauth qttools5-dev-tools"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends $missing
fi

[ -x "$VENV/bin/python" ] || /usr/bin/python3 -m venv --system-site-packages "$VENV"
want=$(cat requirements.txt constraints.txt | sha256sum | cut -c1-16)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into $VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -c constraints.txt -r requirements.txt
  echo "$want" > "$STAMP"
fi
"$VENV/bin/python" - <<'PY'
import torch, torchvision, numpy, sklearn, rasterio, osgeo.gdal, qgis.core
print("setup: torch", torch.__version__, "| torchvision", torchvision.__version__, "| numpy", numpy.__version__,
      "| scikit-learn", sklearn.__version__, "| rasterio", rasterio.__version__, "(GDAL", rasterio.__gdal_version__ + ")",
      "| QGIS", qgis.core.Qgis.QGIS_VERSION)
PY
