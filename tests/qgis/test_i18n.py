"""French and English: every tr() string has a finished French translation, the .qm builds and loads, and with
the locale set to fr the plugin, the dock and the Processing algorithms speak French."""
import importlib.util
import os

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTableWidget, QTabWidget, QTreeWidget

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _i18n_script():
    spec = importlib.util.spec_from_file_location("crosstime_i18n_script", os.path.join(ROOT, "scripts", "i18n.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


i18n = _i18n_script()


@pytest.fixture
def french():
    """The French translator installed as the plugin installs it for the locale "fr"; removed afterwards."""
    from crosstime.translation import install_translator, remove_translator
    i18n.compile_qm("fr")
    t = install_translator("fr")
    assert t is not None, "crosstime_fr.qm did not load"
    yield t
    remove_translator(t)


def _english_with_french():
    """English sources whose French differs (the words that must not be seen in a French UI): text -> French."""
    entries = i18n.read_ts(i18n.ts_path("fr"))
    return {src: e.translation for (ctx, src), e in entries.items()
            if e.finished and e.translation.strip() != src.strip()}


# the translation file --------------------------------------------------------------------------------------------
def test_every_tr_string_has_a_finished_french_translation():
    problems = i18n.check("fr")
    assert not problems, "\n".join(problems[:40]) + "\n(python3 scripts/i18n.py update, translate, then check)"


def test_the_check_fails_on_a_missing_or_broken_translation(tmp_path):
    key = ("CrossTime", "the layer '{}' has {:d} features")
    assert i18n.problems_of(key, None)                                   # not in the .ts
    assert i18n.problems_of(key, i18n.Entry("", "unfinished"))
    assert i18n.problems_of(key, i18n.Entry("la couche « {} »", "unfinished"))   # unfinished
    assert i18n.problems_of(key, i18n.Entry("la couche « {} » a {} entités", ""))  # a field's spec lost
    assert not i18n.problems_of(key, i18n.Entry("la couche « {0} » a {1:d} entités", ""))
    assert i18n.problems_of(("CrossTime", "<b>#{}</b>"), i18n.Entry("n° {}", ""))   # a tag lost
    src = tmp_path / "mod.py"
    src.write_text('def f(x):\n    a = tr(f"text {x}")\n    b = tr("layer " + x)\n    return tr("fine {}").format(x)\n')
    found, problems = i18n.extract_python(str(src))
    assert [k[1] for k, _ in found] == ["fine {}"] and len(problems) == 2


def test_choice_and_category_labels_are_translated_key_by_key():
    """core/ cannot call tr(): translation.py holds a literal tr() per key of every translated choice list and
    of the legend's categories; with no translator they are the core's English labels."""
    from crosstime import translation
    from crosstime.core import choices
    from crosstime.core.geo.legend import CATEGORIES
    for name in translation.TRANSLATED_CHOICES:
        table = translation._tables()[name]
        assert list(table) == choices.keys(getattr(choices, name)), name
        assert translation.choice_labels(name) == choices.labels(getattr(choices, name)), name
    assert translation.category_labels() == {c.key: c.label for c in CATEGORIES}


def test_mapping_warnings_are_the_core_sentences_in_english():
    from collections import Counter

    from crosstime.core.geo.legend import MappingReport
    from crosstime.translation import mapping_warnings
    rep = MappingReport()
    rep.empty_layers.append("ROUTE")
    rep.bad_features["BATIMENT"] = [(f"fid {k}", "self-intersection") for k in range(7)]
    rep.unmapped_layers["ZONE"] = 12
    rep.unmapped_values["BATIMENT"] = Counter({"NATURE=Silo": 3, "NATURE=Serre": 1})
    assert mapping_warnings(rep) == rep.warnings()


def test_qm_is_built_from_the_ts_and_loads():
    qm = i18n.compile_qm("fr")
    assert os.path.getmtime(qm) >= os.path.getmtime(i18n.ts_path("fr"))
    t = QTranslator()
    assert t.load(qm)
    assert t.translate("CrossTime", "Build tile dataset") == "Construire un jeu de tuiles"
    assert t.translate("CrossTimeDockBase", "Layers") == "Couches"


# the plugin in French ---------------------------------------------------------------------------------------------
def test_algorithm_in_french(french):
    from crosstime.toolbox.build_tile_store import BuildTileStore
    from crosstime.toolbox.provider import CrossTimeProvider
    from crosstime.toolbox.train import TrainDescriptor
    alg = BuildTileStore()
    alg.initAlgorithm()
    assert alg.displayName() == "Construire un jeu de tuiles"
    assert alg.group() == "1. Données" and alg.groupId() == "data"
    assert alg.shortHelpString().startswith("Découpe l'ortho ancienne et l'ortho récente en tuiles")
    assert alg.parameterDefinition("OLD_ORTHO").description() == "Ortho ancienne"
    assert alg.parameterDefinition("TILE_SIZE").description() == "Taille des tuiles (unités terrain, par exemple en mètres)"
    assert alg.parameterDefinition("LEGEND").options()[1] == "IGN BD TOPO v2 (shapefiles de l'époque 2004)"
    train = TrainDescriptor()
    train.initAlgorithm()
    assert train.parameterDefinition("SEMANTIC").options() == ["RVB (6 canaux d'entrée)",
                                                                "niveaux de gris (4 canaux d'entrée)"]
    assert CrossTimeProvider().longName().startswith("CrossTime : appariement")


def test_algorithm_in_french_through_the_registry(french, qgis_processing):
    from crosstime.toolbox.provider import CrossTimeProvider
    p = CrossTimeProvider()
    registry = QgsApplication.processingRegistry()
    registry.addProvider(p)
    try:
        alg = registry.createAlgorithmById("crosstime:build_tile_dataset")
        assert alg.displayName() == "Construire un jeu de tuiles"
        assert alg.parameterDefinition("NEW_VECTORS").description() == "Couches vecteur de la date récente"
    finally:
        registry.removeProvider(p)


def _visible_texts(widget):
    texts = []
    for w in widget.findChildren(QLabel):
        texts += [w.text(), w.toolTip()]
    for w in widget.findChildren(QAbstractButton):
        texts += [w.text(), w.toolTip()]
    for w in widget.findChildren(QGroupBox):
        texts.append(w.title())
    for w in widget.findChildren(QTabWidget):
        texts += [w.tabText(i) for i in range(w.count())]
    for w in widget.findChildren(QComboBox):
        texts += [w.itemText(i) for i in range(w.count())] + [w.toolTip()]
    for w in widget.findChildren(QTableWidget):
        texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount()) if w.horizontalHeaderItem(i)]
    for w in widget.findChildren(QTreeWidget):
        texts += [w.headerItem().text(i) for i in range(w.columnCount())]
    return [t for t in texts if t and t.strip()]


def test_dock_in_french(french, qgis_iface):
    from crosstime.ui.dock import CrossTimeDock
    d = CrossTimeDock(qgis_iface)
    try:
        w = d.w
        tabs = d.findChildren(QTabWidget)[0]
        assert [tabs.tabText(i) for i in range(tabs.count())][:3] == ["Couches", "Index", "Appariement"]
        assert w.buildButton.text() == "Indexer l'ortho ancienne"
        assert w.pickButton.text() == "Cliquer sur un lieu de la carte"
        assert [w.describerCombo.itemText(i) for i in range(w.describerCombo.count())] == [   # untrained: packages here
            "Rapide (sans entraînement)", "Réseau non entraîné (sans entraînement)",
            "Modèle général (fourni avec CrossTime)", "Appris sur cette région",
            "Fichier de modèle…"]
        assert w.legendCombo.itemText(2) == "Attributs OpenStreetMap (tags)"
        assert w.semanticCombo.itemText(1) == "niveaux de gris (4 canaux d'entrée)"
        # no widget of the dock shows an English text that has a French translation
        english = _english_with_french()
        left = sorted({t for t in _visible_texts(d) if t in english})
        assert not left, left
    finally:
        d.shutdown()
        d.deleteLater()


def test_dependencies_dialog_in_french(french, qgis_iface):
    from crosstime.ui.dependencies_dialog import DependenciesDialog
    dlg = DependenciesDialog(qgis_iface)
    try:
        assert dlg.windowTitle() == "Dépendances de CrossTime"
        assert dlg.installButton.text() == "Installer" and dlg.copyButton.text() == "Copier le diagnostic"
        english = _english_with_french()
        assert not sorted({t for t in _visible_texts(dlg) if t in english})
    finally:
        dlg.deleteLater()


def test_plugin_loads_the_translator_of_the_qgis_locale_and_removes_it(qgis_iface):
    import crosstime
    s = QgsSettings()
    before = s.value("locale/userLocale", None)
    s.setValue("locale/userLocale", "fr_FR")
    try:
        plugin = crosstime.classFactory(qgis_iface)
        assert plugin.translator is not None
        plugin.initGui()
        try:
            assert plugin.deps_action.text() == "Dépendances…"
            assert plugin.action.toolTip().startswith("CrossTime : retrouver")
            algs = {a.name(): a for a in QgsApplication.processingRegistry().providerById("crosstime").algorithms()}
            assert algs["match_tiles"].displayName() == "Apparier les tuiles"
        finally:
            plugin.unload()
        assert plugin.translator is None
        assert QCoreApplication.translate("CrossTime", "Match tiles") == "Match tiles"
        # English (or any language without a .qm) installs nothing
        s.setValue("locale/userLocale", "en_US")
        plugin = crosstime.classFactory(qgis_iface)
        assert plugin.translator is None
    finally:
        if before is None:
            s.remove("locale/userLocale")
        else:
            s.setValue("locale/userLocale", before)


# the core's messages in French -------------------------------------------------------------------------------------
def test_a_core_error_reads_french_in_a_french_session(french, tmp_path):
    """A real core call raises a CrossTime error (English, its template and values kept); the interface shows it in
    French with the same values."""
    from crosstime.core.geo.grid import GridError, TileGrid
    from crosstime.core.tiles.store import TileStore, TileStoreError
    from crosstime.translation import translated
    missing = str(tmp_path / "no_store")
    with pytest.raises(TileStoreError) as info:
        TileStore(missing)
    assert str(info.value) == f"{missing}: not a CrossTime tile store (no meta.json)"      # English for logs, CLI
    text = translated(info.value)
    assert text == f"{missing} : ce n'est pas un jeu de tuiles CrossTime (pas de meta.json)"
    assert "not a CrossTime tile store" not in text
    with pytest.raises(GridError) as info:
        TileGrid.covering((0.0, 0.0, 50.0, 50.0), "EPSG:2154", 200.0, 64)
    text = translated(info.value)
    assert text == ("la zone (50.0 x 50.0 unités terrain) est plus petite qu'une tuile de 200 x 200 : choisissez des "
                    "tuiles plus petites")
    assert "smaller than one tile" not in text and "choose" not in text


def test_a_core_error_reads_english_without_a_translator(tmp_path):
    from crosstime.core.tiles.store import TileStore, TileStoreError
    from crosstime.translation import translated
    with pytest.raises(TileStoreError) as info:
        TileStore(str(tmp_path / "no_store"))
    assert translated(info.value) == str(info.value)


def test_a_processing_algorithm_reports_a_core_error_in_french(french, tmp_path):
    from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

    from crosstime.toolbox.base import CrossTimeAlgorithm
    missing = str(tmp_path / "no_store")

    class OpensAStore(CrossTimeAlgorithm):
        NEEDS = ()

        def work(self, parameters, context, feedback, progress):
            from crosstime.core.tiles.store import TileStore
            return TileStore(missing)

    with pytest.raises(QgsProcessingException) as info:
        OpensAStore().processAlgorithm({}, QgsProcessingContext(), QgsProcessingFeedback())
    assert f"{missing} : ce n'est pas un jeu de tuiles CrossTime" in str(info.value)
    assert "not a CrossTime tile store" not in str(info.value)


def _trained_elsewhere():
    """A describer whose model was trained on other tiles than asked: ``tile_settings`` says so (progress.info)."""
    from types import SimpleNamespace
    return SimpleNamespace(config={"tile_size": 200.0, "tile_pixels": 128})


FRENCH_TILE_SETTINGS = ("le modèle m.ctmodel a été entraîné sur des tuiles de 200 unités terrain à 128 px ; cet index "
                        "utilise, comme demandé, des tuiles de 100 à 64 px (laissez la taille des tuiles et les pixels "
                        "vides pour prendre ceux du modèle)")


def test_progress_messages_of_the_core_read_french_in_processing(french):
    from qgis.core import QgsProcessingFeedback

    from crosstime.core.jobs.describer_choice import tile_settings
    from crosstime.toolbox.base import progress_of

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.infos = []

        def pushInfo(self, info):  # noqa: N802 (Qt's name)
            self.infos.append(info)

    fb = Feedback()
    assert tile_settings(_trained_elsewhere(), "m.ctmodel", 100.0, 64, progress_of(fb)) == (100.0, 64)
    assert fb.infos == [FRENCH_TILE_SETTINGS]          # a message inside the message is translated too


def test_a_task_logs_the_core_messages_in_french(french):
    from qgis.core import QgsApplication

    from crosstime.core.jobs.describer_choice import tile_settings
    from crosstime.ui.tasks import LOG_TAG, CoreTask
    got = []

    def received(message, tag, _level):
        if tag == LOG_TAG:
            got.append(message)

    log = QgsApplication.messageLog()
    log.messageReceived.connect(received)
    try:
        task = CoreTask("t", lambda progress: tile_settings(_trained_elsewhere(), "m.ctmodel", 100.0, 64, progress),
                        lambda *_: None)
        assert task.run()
        task.finished(True)
        QCoreApplication.processEvents()
    finally:
        log.messageReceived.disconnect(received)
    assert got == [FRENCH_TILE_SETTINGS]


def test_layers_added_by_crosstime_have_french_names_and_legends(french, qgis_iface, tmp_path):
    from qgis.core import QgsProject

    from crosstime.core.archive.location import Location
    from crosstime.core.archive.outputs import write_footprints_gpkg
    from crosstime.ui.dock import CrossTimeDock
    loc = Location(photo="photo_000.tif", width=100, height=100, transform=(1.0, 0.0, 1000.0, 2000.0),
                   centre=(1050.0, 1950.0), footprint=[(1000.0, 2000.0), (1100.0, 2000.0), (1100.0, 1900.0),
                                                       (1000.0, 1900.0)],
                   scale=1.0, rotation=0.0, confidence=0.5, votes=3.0, agreeing_windows=4, runner_up=None)
    gpkg = write_footprints_gpkg(str(tmp_path / "footprints.gpkg"), [loc], "EPSG:2154")
    proj = QgsProject.instance()
    proj.clear()
    d = CrossTimeDock(qgis_iface)
    try:
        layer = d.archive.add_footprints_layer(gpkg)
        assert layer is not None and layer.name() == "emprises des photos d'archive"
        labels = [r.label() for r in layer.renderer().rootRule().children()]
        assert labels == ["photo localisée", "deuxième hypothèse"]
        group = proj.layerTreeRoot().findGroup("Archives CrossTime")
        assert group is not None and group.findLayer(layer.id()) is not None
        # the GeoPackage keeps its own layer name: a file format, not a text for the user
        assert layer.source().endswith("|layername=footprints")
    finally:
        d.shutdown()
        d.deleteLater()
        proj.clear()


def test_a_librarys_reason_goes_to_the_log_and_the_sentence_stays_french(french, tmp_path):
    """PyTorch's own words for an unreadable model file are English: the French sentence points to the CrossTime log,
    where the English sentence, with them, is written."""
    from qgis.core import QgsApplication

    from crosstime.core.retrieval.model_file import ModelFileError, read_model_file
    from crosstime.translation import translated
    bad = tmp_path / "not_a_model.ctmodel"
    bad.write_bytes(b"PK\x03\x04 not a zip at all")
    logged = []

    def seen(message, tag, level):
        logged.append((tag, message))
    QgsApplication.messageLog().messageReceived.connect(seen)
    try:
        with pytest.raises(ModelFileError) as err:
            read_model_file(str(bad))
        text = translated(err.value)
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(seen)
    assert "fichier de modèle illisible" in text and "journal CrossTime" in text and str(bad) in text
    assert "Error" not in text and " not " not in text
    assert ("CrossTime", str(err.value)) in logged and "not a readable model file" in str(err.value)
