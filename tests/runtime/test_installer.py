"""Runtime requirements as ranges, finding the Python of QGIS, and installing with pip into a private folder of a
(temporary) QGIS profile, offline, from a wheel folder made here."""
import os
import subprocess
import sys
import time

import pytest

from crosstime.core.progress import Cancelled, Progress
from crosstime.runtime import dependencies, installer
from crosstime.runtime.dependencies import PackageState, Requirement


@pytest.fixture()
def keep_sys_path(monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))


def test_runtime_requirements_are_ranges_read_from_the_plugin_folder():
    reqs = {r.name: r for r in dependencies.REQUIREMENTS}
    assert os.path.dirname(dependencies.REQUIREMENTS_FILE) == dependencies.PLUGIN_DIR
    assert {"numpy", "torch", "torchvision", "scikit-learn", "rasterio", "onnxruntime", "faiss-cpu"} <= set(reqs)
    for r in reqs.values():
        assert ">=" in r.spec and "<" in r.spec and "==" not in r.spec, r
    assert reqs["torch"].required and reqs["torch"].torch_index and reqs["torchvision"].torch_index
    assert reqs["rasterio"].if_missing and reqs["numpy"].if_missing and not reqs["torch"].if_missing
    assert not reqs["onnxruntime"].required and reqs["scikit-learn"].module == "sklearn"
    # what the code imports is declared: scipy, Pillow and matplotlib required (QGIS's own copies kept where it has
    # them); scikit-learn only for the optional search backend that uses it
    assert dependencies.OPTIONAL["sklearn"] == "scikit-learn>=1.0,<2" and "sklearn" not in dependencies.REQUIRED
    for name, module in (("scipy", "scipy"), ("Pillow", "PIL"), ("matplotlib", "matplotlib")):
        assert reqs[name].required and reqs[name].if_missing and reqs[name].module == module
    # ranges that let pip pick a torch for Python 3.9 (torch 2.14 needs 3.10) as well as for 3.13
    assert dependencies.satisfies("2.8.0", reqs["torch"].spec) and dependencies.satisfies("2.14.1+cpu", reqs["torch"].spec)
    sk = reqs["scikit-learn"].spec
    assert dependencies.satisfies("1.6.1", sk) and not dependencies.satisfies("0.24", sk)


def test_versions_and_ranges():
    assert dependencies.parse_version("2.14.1+cu130") == (2, 14, 1) and dependencies.parse_version("x") == ()
    assert dependencies.satisfies("1.13", ">=1.13,<3") and not dependencies.satisfies("3.0.0", ">=1.13,<3")
    assert dependencies.satisfies("1.24.2", "==1.24.2") and not dependencies.satisfies("1.24.3", "==1.24.2")
    assert dependencies.satisfies("1.4.2", "~=1.4") and not dependencies.satisfies("2.0", "~=1.4")
    assert not dependencies.satisfies("", ">=1")
    with pytest.raises(ValueError):
        dependencies.satisfies("1.0", "=>1")


def test_missing_message_points_to_the_dialog_without_pins_or_developer_text():
    text = dependencies.missing_message(["torch", "sklearn"])
    assert "torch" in text and "Dependencies" in text
    assert "==" not in text and "make setup" not in text and "--break-system-packages" not in text
    assert "--user" not in text
    cli = dependencies.missing_message(["torch"], command_line=True)
    assert "pip install" in cli and '"torch>=1.13,<3"' in cli and "==" not in cli


def test_install_plan_takes_what_qgis_lacks_and_the_optional_ones_asked():
    by = {r.name: r for r in dependencies.REQUIREMENTS}
    states = [PackageState(by["numpy"], "1.24.2", "/usr/lib"), PackageState(by["rasterio"], None),
              PackageState(by["torch"], None), PackageState(by["torchvision"], "0.10.0", "/usr/lib"),
              PackageState(by["scikit-learn"], "1.6.1", "/p", private=True), PackageState(by["onnxruntime"], None),
              PackageState(by["faiss-cpu"], None)]
    plan = [r.name for r in dependencies.install_plan(states, optional=["onnxruntime"])]
    # numpy is QGIS's; rasterio is missing; torch missing; torchvision too old; scikit-learn and faiss (optional)
    # were not asked for
    assert plan == ["rasterio", "torch", "torchvision", "onnxruntime"]


def test_package_states_here():
    states = {s.requirement.name: s for s in dependencies.package_states()}
    assert states["numpy"].state == "ok" and states["numpy"].version
    fake = Requirement("ctnothere", ">=1,<2", "ctnothere_module", False)
    assert dependencies.package_state(fake).state == "missing"
    broken = PackageState(fake, "", "/x", error="ImportError: DLL load failed")
    assert broken.state == "broken"
    assert PackageState(fake, "2.1", "/x").state == "outside-range"


def test_python_of_qgis_candidates_on_each_os():
    win = installer.python_candidates(r"C:\OSGeo4W\bin\qgis-bin.exe", r"C:\OSGeo4W\apps\Python312",
                                      r"C:\OSGeo4W\apps\Python312", "win32", (3, 12))
    assert win[0] == r"C:\OSGeo4W\apps\Python312\python.exe" and r"C:\OSGeo4W\bin\python.exe" in win
    assert r"C:\OSGeo4W\bin\qgis-bin.exe" not in win
    mac = installer.python_candidates("/Applications/QGIS.app/Contents/MacOS/QGIS",
                                      "/Applications/QGIS.app/Contents/Frameworks/Python.framework/Versions/3.9",
                                      None, "darwin", (3, 9))
    bundle = "/Applications/QGIS.app/Contents/MacOS/"
    assert mac[0] == bundle + "python" and bundle + "bin/python3.9" in mac     # the official bundle, then older ones
    lin = installer.python_candidates("/usr/bin/qgis", "/usr", "/usr", "linux", (3, 11))
    assert lin == ["/usr/bin/python3.11", "/usr/bin/python3"]
    venv = installer.python_candidates("/home/u/.venv/bin/python", "/home/u/.venv", "/home/u/.venv", "linux", (3, 11))
    assert venv[0] == "/home/u/.venv/bin/python"


def test_find_python_checks_the_version(tmp_path):
    assert installer.python_version_of(installer.find_python()) == f"{sys.version_info[0]}.{sys.version_info[1]}"
    with pytest.raises(installer.InstallerError, match="not found"):
        installer.find_python([str(tmp_path / "python3")])


def test_torch_build_choice():
    assert installer.torch_index_args("cpu", "linux") == ["--extra-index-url", installer.PYTORCH_CPU_INDEX]
    assert installer.torch_index_args("cuda", "linux") == []                    # PyPI's Linux torch is the CUDA build
    assert installer.torch_index_args("cuda", "win32") == ["--extra-index-url", installer.PYTORCH_CUDA_INDEX]
    assert installer.torch_index_args("cpu", "darwin") == []
    with pytest.raises(installer.InstallerError):
        installer.torch_index_args("cuda", "darwin")
    cmd = installer.pip_command("py", "/t", ["torch>=1.13,<3"], index_args=installer.torch_index_args("cpu", "linux"))
    assert "--target" in cmd and "--user" not in cmd and "--break-system-packages" not in cmd


def test_install_from_a_local_wheel_folder_into_a_temporary_profile(tmp_path, local_wheels, keep_sys_path):
    import numpy
    profile = str(tmp_path / "profiles" / "default")
    target = dependencies.private_dir(profile)
    assert target == os.path.join(profile, "python", "crosstime-deps", dependencies.python_tag())
    lines, fractions = [], []
    progress = Progress(lambda f, m: fractions.append(f), None, lines.append)
    result = installer.install(target, ["ctdummy>=1.0,<2"], find_links=[local_wheels], no_index=True, progress=progress)
    assert not result.pending and result.target == target
    assert {"ctdummy-1.2", "ctdummydep-0.3"} <= set(result.installed)
    assert result.kept_from_qgis == [f"numpy {numpy.__version__}"]
    assert any("--target" in ln for ln in lines) and any(ln.startswith("Successfully installed") for ln in lines)
    assert fractions[-1] == 1.0 and fractions == sorted(fractions)
    dists = installer.installed_distributions(target)
    assert set(dists) == {"ctdummy", "ctdummydep"}, dists                # the fake numpy was dropped
    assert not os.path.exists(os.path.join(target, "numpy"))
    assert sorted(os.listdir(os.path.dirname(target))) == [dependencies.python_tag()]   # no staging, no constraints
    assert any("ctdummy-1.2" in ln for ln in installer.folder_listing(target))
    # a fresh Python runs the plugin's path setup: the package imports from the private folder, numpy stays QGIS's
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from crosstime.runtime import dependencies as d; "
             "print(d.use_private_packages(sys.argv[2])); import ctdummy, numpy; print(ctdummy.__file__); "
             "print(ctdummy.VALUE); print(numpy.__file__)")
    r = subprocess.run([sys.executable, "-c", probe, os.path.dirname(dependencies.PLUGIN_DIR), profile],
                       capture_output=True, text=True, timeout=120, env={**os.environ, "CROSSTIME_DEPS_DIR": ""})
    assert r.returncode == 0, r.stderr
    added, dummy, value, numpy_file = r.stdout.split()
    assert added == target and dummy.startswith(target) and value == "42"
    assert not numpy_file.startswith(target)
    # installing again replaces the folder whole; removing deletes it
    installer.install(target, ["ctdummydep"], find_links=[local_wheels], no_index=True)
    assert set(installer.installed_distributions(target)) == {"ctdummydep"}
    assert installer.remove(target) and not os.path.exists(target)
    assert target not in sys.path


def test_a_failed_install_keeps_the_previous_folder(tmp_path, local_wheels, keep_sys_path):
    target = str(tmp_path / "deps" / "py")
    installer.install(target, ["ctdummydep"], find_links=[local_wheels], no_index=True)
    with pytest.raises(installer.InstallerError, match="pip failed"):
        installer.install(target, ["ctnosuchpackage"], find_links=[local_wheels], no_index=True)
    assert set(installer.installed_distributions(target)) == {"ctdummydep"}
    assert os.listdir(os.path.dirname(target)) == ["py"]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="a POSIX shell script stands in for the Python")
def test_cancel_stops_pip_at_once_and_keeps_the_previous_folder(tmp_path, local_wheels, keep_sys_path):
    target = str(tmp_path / "deps" / "py")
    installer.install(target, ["ctdummydep"], find_links=[local_wheels], no_index=True)
    slow = tmp_path / "slowpython"
    pidfile = tmp_path / "pid"
    slow.write_text("#!/bin/sh\n"
                    "case \"$*\" in *--version*) echo 'pip 99.0 from somewhere'; exit 0;; esac\n"
                    f"echo $$ > {pidfile}\necho 'Collecting torch'\nexec sleep 600\n")
    slow.chmod(0o755)
    t0 = [None]

    def cancelled():
        if t0[0] is None and pidfile.exists():
            t0[0] = time.monotonic()
        return t0[0] is not None
    with pytest.raises(Cancelled):
        installer.install(target, ["torch>=1.13,<3"], python=str(slow), progress=Progress(None, cancelled))
    assert time.monotonic() - t0[0] < 15
    pid = int(pidfile.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert set(installer.installed_distributions(target)) == {"ctdummydep"}
    assert os.listdir(os.path.dirname(target)) == ["py"]


def test_a_finished_install_waiting_for_a_restart_replaces_the_folder_at_load(tmp_path, keep_sys_path):
    target = str(tmp_path / "crosstime-deps" / "py")
    os.makedirs(os.path.join(target, "old_pkg"))
    pending = target + dependencies.PENDING_SUFFIX
    os.makedirs(os.path.join(pending, "new_pkg"))
    open(os.path.join(pending, dependencies.COMPLETE_MARKER), "w").close()
    assert dependencies.use_private_packages(folder=target) == target
    assert sys.path[0] == target and os.path.isdir(os.path.join(target, "new_pkg"))
    assert not os.path.exists(pending) and not os.path.exists(os.path.join(target, "old_pkg"))
    assert dependencies.use_private_packages(folder=target) is None                  # already there
    open(target + dependencies.REMOVE_MARKER, "w").close()
    assert dependencies.use_private_packages(folder=target) is None and not os.path.exists(target)


def test_pip_is_told_the_proxy_its_exclusions_a_ca_bundle_and_patience():
    url = installer.proxy_url("proxy.interieur.gouv.fr", 8080, "jdupont", "p@ss:w/rd")
    assert url == "http://jdupont:p%40ss%3Aw%2Frd@proxy.interieur.gouv.fr:8080"
    net = installer.PipNetwork(proxy=url, no_proxy=["intranet.local", " 10.0.0.0/8"], ca_bundle="/etc/ssl/ministere.pem",
                               timeout_s=90, retries=8)
    cmd = installer.pip_command("/py", "/t", ["torch>=1.13,<3"], "/c.txt", network=net)
    joined = " ".join(cmd)
    assert "--cert /etc/ssl/ministere.pem" in joined
    assert "--timeout 90" in joined and "--retries 8" in joined and cmd[-1] == "torch>=1.13,<3"
    # the proxy and its password stay off the command line (other users can list it); in the environment pip's
    # exclusions apply
    assert "--proxy" not in cmd and "jdupont" not in joined
    env = net.env()
    assert env["HTTPS_PROXY"] == env["HTTP_PROXY"] == url
    assert env["NO_PROXY"] == env["no_proxy"] == "intranet.local,10.0.0.0/8"
    assert installer.shown_command([url]) == "http://jdupont:***@proxy.interieur.gouv.fr:8080"
    # offline, from a wheel folder: no index, so no network option either
    offline = installer.pip_command("/py", "/t", ["ctdummy"], find_links=["/media/usb/wheels"], no_index=True,
                                    network=net)
    assert "--find-links /media/usb/wheels --no-index" in " ".join(offline) and "--proxy" not in offline
    assert installer.proxy_url("") == "" and installer.proxy_url("https://p.example", 3128) == "https://p.example:3128"


def test_a_package_qgis_has_is_never_installed_over(tmp_path, local_wheels, keep_sys_path):
    """Not only numpy and GDAL: any distribution QGIS's Python has (here ``packaging``, as scipy, Pillow or
    typing_extensions would be) is pinned for pip and its copy dropped, so no other plugin finds a different one."""
    import packaging
    make_wheel = _make_wheel()
    make_wheel(local_wheels, "ctneedspackaging", "1.0", {"ctneedspackaging/__init__.py": "X = 1\n"},
               requires=["packaging"])
    make_wheel(local_wheels, "packaging", packaging.__version__,
               {"packaging/__init__.py": "raise ImportError('the fake packaging was imported')\n"})
    target = str(tmp_path / "deps" / dependencies.python_tag())
    result = installer.install(target, ["ctneedspackaging"], find_links=[local_wheels], no_index=True, activate=False)
    assert result.kept_from_qgis == [f"packaging {packaging.__version__}"]
    assert set(installer.installed_distributions(target)) == {"ctneedspackaging"}
    assert not os.path.exists(os.path.join(target, "packaging"))


def test_what_needs_a_newer_copy_than_qgis_has_still_installs(tmp_path, local_wheels, keep_sys_path):
    """All of QGIS's packages pinned first; when what is asked needs a newer one (torch and a distribution's old
    typing_extensions), pip runs again with only the GDAL-, Qt- and numpy-bound ones pinned, and says so."""
    import packaging
    make_wheel = _make_wheel()
    make_wheel(local_wheels, "ctneedsnewer", "1.0", {"ctneedsnewer/__init__.py": "X = 1\n"},
               requires=["packaging>=999"])
    make_wheel(local_wheels, "packaging", "999.0", {"packaging/__init__.py": "__version__ = '999.0'\n"})
    lines = []
    target = str(tmp_path / "deps" / dependencies.python_tag())
    result = installer.install(target, ["ctneedsnewer"], find_links=[local_wheels], no_index=True, activate=False,
                               progress=Progress(log=lines.append))
    assert set(installer.installed_distributions(target)) == {"ctneedsnewer", "packaging"}
    assert any("trying again with only" in ln for ln in lines)
    assert any(f"packaging: a newer copy than QGIS's {packaging.__version__}" in ln for ln in lines)
    assert not any(k.startswith("packaging") for k in result.kept_from_qgis)


def _make_wheel():
    import importlib.util
    spec = importlib.util.spec_from_file_location("tests_conftest", os.path.join(os.path.dirname(__file__), "..",
                                                                                 "conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_wheel


def test_a_python_without_pip_gets_one_from_ensurepip(tmp_path, local_wheels, keep_sys_path):
    bare = tmp_path / "bare"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True, timeout=120)
    python = str(bare / ("Scripts/python.exe" if sys.platform.startswith("win") else "bin/python"))
    with pytest.raises(installer.InstallerError, match="pip is not available"):
        installer.pip_version(python)
    lines = []
    target = str(tmp_path / "deps" / dependencies.python_tag())
    result = installer.install(target, ["ctdummydep"], python=python, find_links=[local_wheels], no_index=True,
                               activate=False, progress=Progress(log=lines.append))
    assert "ctdummydep-0.3" in result.installed and any("from ensurepip" in ln for ln in lines)
    assert sorted(os.listdir(tmp_path / "deps")) == [dependencies.python_tag()]        # the bootstrap pip is gone
    assert not list(bare.glob("lib/python*/site-packages/pip"))                        # nothing written to that Python


def test_the_private_folder_leaves_gdal_and_proj_settings_alone(tmp_path, keep_sys_path, monkeypatch):
    """A wheel rasterio finds its own GDAL and PROJ data by itself (rasterio.env, when nothing is set); setting
    GDAL_DATA or PROJ_DATA for it would reach QGIS's own GDAL and the tools Processing starts."""
    folder = tmp_path / "deps"
    for name in ("gdal_data", "proj_data"):
        (folder / "rasterio" / name).mkdir(parents=True)
    for key in ("GDAL_DATA", "PROJ_DATA", "PROJ_LIB"):
        monkeypatch.delenv(key, raising=False)
    before = dict(os.environ)
    assert dependencies.use_private_packages(folder=str(folder)) == str(folder)
    assert dict(os.environ) == before
