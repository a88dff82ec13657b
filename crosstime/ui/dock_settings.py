"""What the dock remembers, as one table: each user default (QgsSettings) and each project entry (the .qgs/.qgz
file) bound to the widget that shows it, with how that widget's value is read and set.

``load_settings``, ``save_settings``, ``read_project`` and ``write_project`` all walk a table; a new remembered
choice is one row of ``DOCK`` (or ``ARCHIVE``) here and its key in ``core/settings.py``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional

from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt

from ..core import choices
from ..core.geo.ground_crs import AUTO
from ..core.settings import PROJECT_SCOPE, ProjectKey, Setting


def select_data(combo, value) -> None:
    """Show the item holding ``value``; an unknown value leaves the combo as it is."""
    k = combo.findData(value)
    if k >= 0:
        combo.setCurrentIndex(k)


def checked_ids(combo) -> List[str]:
    """The layer ids checked in a QgsCheckableComboBox."""
    return [str(v) for v in combo.checkedItemsData()]


def set_checked(combo, ids) -> None:
    """Check exactly the items of ``ids`` (layer ids) in a QgsCheckableComboBox."""
    for k in range(combo.count()):
        combo.setItemCheckState(k, Qt.CheckState.Checked if combo.itemData(k) in ids else Qt.CheckState.Unchecked)


# how a kind of widget holds its value, and how that value is kept in a project entry ------------
class Kind(ABC):
    """How a kind of widget holds its value; this base keeps it as a text entry of the project, unset when empty."""
    empty: Any = ""

    @abstractmethod
    def get(self, widget):
        """The value the widget shows."""

    @abstractmethod
    def set(self, widget, value) -> None:
        """Show ``value`` in the widget."""

    def write(self, proj: QgsProject, key: str, value) -> None:
        proj.writeEntry(PROJECT_SCOPE, key, value)

    def read(self, proj: QgsProject, key: str, default):
        """(value, ok): ok is False when the project has no such entry (the value is then ``default``)."""
        return proj.readEntry(PROJECT_SCOPE, key, default)

    def is_set(self, value) -> bool:
        return bool(value)


class ComboData(Kind):
    """The data of a combo's current item (a choices key)."""
    def get(self, widget):
        return widget.currentData()

    def set(self, widget, value) -> None:
        select_data(widget, value)


class FilePath(Kind):
    """A QgsFileWidget's path; in the project relative to the project file when the project says so (writePath),
    read back with readPath."""
    def get(self, widget):
        return widget.filePath()

    def set(self, widget, value) -> None:
        widget.setFilePath(value)

    def write(self, proj: QgsProject, key: str, value) -> None:
        proj.writeEntry(PROJECT_SCOPE, key, proj.writePath(value) if value else "")

    def read(self, proj: QgsProject, key: str, default):
        value, ok = proj.readEntry(PROJECT_SCOPE, key, default)
        return (proj.readPath(value) if value else ""), ok


class LayerId(Kind):
    """The id of the layer chosen in a QgsMapLayerComboBox ("" for none)."""
    def get(self, widget):
        layer = widget.currentLayer()
        return layer.id() if layer is not None else ""

    def set(self, widget, value) -> None:
        widget.setLayer(QgsProject.instance().mapLayer(value) if value else None)


class CheckedIds(Kind):
    """The ids of the layers checked in a QgsCheckableComboBox."""
    empty: Any = ()

    def get(self, widget):
        return checked_ids(widget)

    def set(self, widget, value) -> None:
        set_checked(widget, list(value))

    def read(self, proj: QgsProject, key: str, default):
        return proj.readListEntry(PROJECT_SCOPE, key, list(default))


class IntSpin(Kind):
    """A QSpinBox's value; unset when 0 or less."""
    empty: Any = 0

    def get(self, widget):
        return widget.value()

    def set(self, widget, value) -> None:
        widget.setValue(int(value))

    def read(self, proj: QgsProject, key: str, default):
        return proj.readNumEntry(PROJECT_SCOPE, key, default)

    def is_set(self, value) -> bool:
        return value > 0


class DoubleSpin(IntSpin):
    """A (Qgs)DoubleSpinBox's value, kept as a double entry in the project."""
    empty: Any = 0.0

    def set(self, widget, value) -> None:
        widget.setValue(float(value))

    def write(self, proj: QgsProject, key: str, value) -> None:
        proj.writeEntryDouble(PROJECT_SCOPE, key, value)

    def read(self, proj: QgsProject, key: str, default):
        return proj.readDoubleEntry(PROJECT_SCOPE, key, default)


class GridCrs(Kind):
    """A QgsProjectionSelectionWidget whose "not set" item means automatic (core.geo.ground_crs): its authority id
    (or WKT for a CRS without one), ``AUTO`` when not set."""
    def get(self, widget):
        from qgis.core import QgsCoordinateReferenceSystem
        crs = widget.crs()
        if not isinstance(crs, QgsCoordinateReferenceSystem) or not crs.isValid():
            return AUTO
        return crs.authid() or crs.toWkt()

    def set(self, widget, value) -> None:
        from qgis.core import QgsCoordinateReferenceSystem
        crs = QgsCoordinateReferenceSystem(value) if value and value != AUTO else QgsCoordinateReferenceSystem()
        widget.setCrs(crs)

    def is_set(self, value) -> bool:
        return bool(value) and value != AUTO


COMBO_DATA, FILE_PATH, LAYER_ID, CHECKED_IDS, INT_SPIN, DOUBLE_SPIN = (ComboData(), FilePath(), LayerId(), CheckedIds(),
                                                                       IntSpin(), DoubleSpin())
GRID_CRS = GridCrs()


@dataclass(frozen=True)
class Binding:
    """One remembered choice: the widget (its name in the form), its kind, its user default and its project entry."""
    widget: str
    kind: Kind
    setting: Optional[Setting] = None          # the user's default, in QgsSettings
    project: Optional[ProjectKey] = None       # the project's entry
    # reading a project: True, only an entry the project sets (not empty, above 0) changes the widget; False, the
    # widget always takes the project's value, ``default`` (None: the kind's empty value) when the project has none
    only_if_set: bool = True
    default: Any = None
    quiet: bool = False                        # set without the widget's change signals (the project read only)


# the Layers and Index tabs (dock.ui)
DOCK = (
    Binding("oldOrthoCombo", LAYER_ID, project=ProjectKey.OLD_ORTHO, only_if_set=False),
    Binding("newOrthoCombo", LAYER_ID, project=ProjectKey.NEW_ORTHO, only_if_set=False),
    Binding("oldVectorsCombo", CHECKED_IDS, project=ProjectKey.OLD_VECTORS, only_if_set=False),
    Binding("newVectorsCombo", CHECKED_IDS, project=ProjectKey.NEW_VECTORS, only_if_set=False),
    Binding("legendCombo", COMBO_DATA, Setting.LEGEND, ProjectKey.LEGEND),
    Binding("mappingFile", FILE_PATH, Setting.MAPPING_FILE),
    Binding("tileSizeSpin", DOUBLE_SPIN, Setting.TILE_SIZE, ProjectKey.TILE_SIZE),
    Binding("pixelsSpin", INT_SPIN, Setting.PIXELS, ProjectKey.PIXELS),
    Binding("gridCrsWidget", GRID_CRS, Setting.GRID_CRS, ProjectKey.GRID_CRS, only_if_set=False, default=AUTO),
    Binding("semanticCombo", COMBO_DATA, Setting.SEMANTIC),
    Binding("describerCombo", COMBO_DATA, Setting.DESCRIBER, ProjectKey.DESCRIBER),
    Binding("modelFile", FILE_PATH, Setting.MODEL, ProjectKey.MODEL),
    Binding("kSpin", INT_SPIN, Setting.K, ProjectKey.K),
    Binding("neighbourhoodCombo", COMBO_DATA, Setting.NEIGHBOURHOOD, ProjectKey.NEIGHBOURHOOD),
    Binding("indexFile", FILE_PATH, project=ProjectKey.INDEX),
)

# the Archive tab (archive_tab.ui): the photos' folder last, as setting it reads the archive with the other two
ARCHIVE = (
    Binding("resultsFolder", FILE_PATH, project=ProjectKey.ARCHIVE_RESULTS, only_if_set=False, quiet=True),
    Binding("catalogueFile", FILE_PATH, project=ProjectKey.ARCHIVE_CATALOGUE, only_if_set=False, quiet=True),
    Binding("archiveFolder", FILE_PATH, project=ProjectKey.ARCHIVE_FOLDER, only_if_set=False),
    Binding("archiveTileSpin", DOUBLE_SPIN, project=ProjectKey.ARCHIVE_TILE_SIZE, only_if_set=False,
            default=choices.ARCHIVE_TILE_SIZE),
)


def _set(form, b: Binding, value) -> None:
    widget = getattr(form, b.widget)
    if b.quiet:
        widget.blockSignals(True)
    b.kind.set(widget, value)
    if b.quiet:
        widget.blockSignals(False)


def values(form, table: Iterable[Binding]) -> dict:
    """Widget name -> its value, for each binding of ``table``."""
    return {b.widget: b.kind.get(getattr(form, b.widget)) for b in table}


def load_settings(form, table: Iterable[Binding]) -> None:
    """The user's defaults (QgsSettings) into the widgets."""
    s = QgsSettings()
    for b in table:
        if b.setting is None or (b.setting.default is None and not s.contains(b.setting.key)):
            continue            # no default of its own: the widget keeps the one its panel chose
        _set(form, b, s.value(b.setting.key, b.setting.default))


def save_settings(form, table: Iterable[Binding]) -> None:
    """The widgets' values as the user's defaults (QgsSettings)."""
    s = QgsSettings()
    for b in table:
        if b.setting is not None:
            s.setValue(b.setting.key, b.kind.get(getattr(form, b.widget)))


def write_project(form, table: Iterable[Binding], proj: Optional[QgsProject] = None) -> None:
    """The widgets' values into the project's entries."""
    proj = proj or QgsProject.instance()
    for b in table:
        if b.project is not None:
            b.kind.write(proj, b.project.value, b.kind.get(getattr(form, b.widget)))


def read_project(form, table: Iterable[Binding], proj: Optional[QgsProject] = None) -> None:
    """The project's entries into the widgets (see ``Binding.only_if_set``)."""
    proj = proj or QgsProject.instance()
    for b in table:
        if b.project is None:
            continue
        default = b.kind.empty if b.default is None else b.default
        value, ok = b.kind.read(proj, b.project.value, default)
        if not b.only_if_set:
            _set(form, b, value if ok else default)
        elif ok and b.kind.is_set(value):
            _set(form, b, value)
