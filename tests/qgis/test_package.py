"""`make zip` output: one crosstime/ folder, no tests or caches, and it installs and starts in a fresh profile."""
import os
import subprocess
import sys
import zipfile

SCRIPT = r"""
import os, sys
plugins = sys.argv[1]
from qgis.core import QgsApplication
app = QgsApplication([], True)
app.initQgis()
import qgis.utils
sys.path.insert(0, plugins)
from crosstime.adapters.headless import HeadlessIface
qgis.utils.iface = HeadlessIface()
qgis.utils.plugin_paths = [plugins]
qgis.utils.updateAvailablePlugins()
assert "crosstime" in qgis.utils.available_plugins, qgis.utils.available_plugins
assert qgis.utils.loadPlugin("crosstime")
assert qgis.utils.startPlugin("crosstime")
import crosstime
assert os.path.realpath(crosstime.__file__).startswith(os.path.realpath(plugins)), crosstime.__file__
assert QgsApplication.processingRegistry().providerById("crosstime") is not None
assert qgis.utils.plugins["crosstime"].dock is not None
assert qgis.utils.unloadPlugin("crosstime")
assert QgsApplication.processingRegistry().providerById("crosstime") is None
print("PLUGIN-STARTED-FROM-ZIP")
app.exitQgis()
"""


def test_zip_installs_and_starts_in_a_fresh_profile(root, tmp_path):
    z = tmp_path / "crosstime.zip"
    r = subprocess.run([sys.executable, os.path.join(root, "scripts", "package.py"), "--out", str(z)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    names = zipfile.ZipFile(z).namelist()
    assert all(n.startswith("crosstime/") for n in names)
    assert "crosstime/metadata.txt" in names and "crosstime/__init__.py" in names and "crosstime/ui/dock.ui" in names
    # the compiled French translation goes in (built by lrelease when missing), its .ts source does not
    assert "crosstime/i18n/crosstime_fr.qm" in names and not [n for n in names if n.endswith(".ts")]
    assert not [n for n in names if "/tests/" in n or "__pycache__" in n or ".venv" in n or n.endswith(".pyc")]
    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    zipfile.ZipFile(z).extractall(plugins)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(plugins)], env=env, capture_output=True, text=True,
                       timeout=300, cwd=str(tmp_path))
    assert "PLUGIN-STARTED-FROM-ZIP" in r.stdout, (r.stdout + r.stderr)[-3000:]
