"""The user's language: the Qt translator of ``crosstime/i18n/crosstime_<lang>.qm`` chosen from the QGIS locale,
and the labels of ``core.choices`` and of the legend categories in that language.

Every CrossTime string goes through ``QCoreApplication.translate("CrossTime", "literal")`` (each module's
``tr()``), so ``scripts/i18n.py`` finds them all in the source and ``crosstime/i18n/crosstime_fr.ts`` holds their
French. ``core/`` cannot call Qt: the labels it defines are translated here, key by key, with literal strings
(``tests/qgis/test_i18n.py`` checks that every key of ``core.choices`` and of the legend has one); its errors and
progress messages carry an English template and its values (``core.messages``), which :func:`translated` turns into
the user's language (``scripts/i18n.py`` finds the templates in ``core/``).
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .core import choices, messages

CONTEXT = "CrossTime"
I18N_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "i18n")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def translated(text: Any) -> str:
    """A text or an exception from the core, in the user's language: a ``core.messages.Message`` or a CrossTime
    error is translated from its template and filled again with its values; anything else (a library's own message,
    a text already translated) is shown as it is. Another library's words in it (``core.messages.Detail``), English
    only, give way to a pointer to the CrossTime log, where the English sentence is written then."""
    out = messages.translated(text, tr)
    pointer = messages.DETAILS_IN_THE_LOG.translated(tr)
    if pointer != messages.DETAILS_IN_THE_LOG and pointer in out:
        from qgis.core import Qgis, QgsMessageLog
        QgsMessageLog.logMessage(str(text), CONTEXT, Qgis.MessageLevel.Info)
    return out


def qgis_locale() -> str:
    """The language QGIS runs in, as two letters: QGIS writes the one it uses to ``locale/userLocale`` at start
    (the user's choice when ``locale/overrideFlag`` is set, else the system's)."""
    from qgis.core import QgsSettings
    value = QgsSettings().value("locale/userLocale", "") or QLocale().name()
    return str(value)[:2].lower()


def qm_path(locale: str) -> str:
    return os.path.join(I18N_DIR, f"crosstime_{locale[:2].lower()}.qm")


def install_translator(locale: Optional[str] = None) -> Optional[QTranslator]:
    """Installs the translator of ``locale`` (default: QGIS's) and returns it; None when CrossTime has no translation
    for it (English, the language of the source, needs none)."""
    path = qm_path(locale or qgis_locale())
    if not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: Optional[QTranslator]) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)


# labels of core.choices: key -> label in the user's language ------------------------------------------------
def _tables() -> Dict[str, Dict[str, str]]:
    return {
        "RECIPES": {
            "siamese": tr("paper: siamese network, |G(x1)-G(x2)| + sigmoid, BCE, hard mining"),
            "infonce": tr("CrossTime CPU recipe: in-batch InfoNCE both ways, cross-date augmentations"),
            "ntxent": tr("paper section 5 comparison: NT-Xent contrastive (SimCLR-style)"),
        },
        "WEIGHTS": {
            "imagenet": tr("ImageNet (downloaded once when online; EfficientNet-Lite0 ships with its package)"),
            "none": tr("none (train from scratch)"),
        },
        "SEMANTIC_MODES": {
            "rgb": tr("RGB (6 input channels)"),
            "grey": tr("grey (4 input channels)"),
        },
        "INDEX_DESCRIBERS": {
            "file": tr("the model file above (empty: the untrained baseline)"),
            "quick": tr("Quick: a 16x16 thumbnail (no training, no PyTorch)"),
            "general": tr("the general model shipped with CrossTime (onnxruntime, no PyTorch)"),
        },
        "CLASS_MAPPINGS": {
            "auto": tr("automatic: a mapping file beside the raster, else its class names"),
            "worldcover": tr("ESA WorldCover"),
            "flair": tr("IGN FLAIR / CoSIA"),
        },
        "LEGEND_PRESETS": {
            "bdtopo_v3": tr("IGN BD TOPO v3"),
            "bdtopo_v2": tr("IGN BD TOPO v2 (2004-era shapefiles)"),
            "osm": tr("OpenStreetMap tags"),
        },
        "BASELINES": {
            "thumbnail": tr("16x16 thumbnail"),
            "efficientnet_lite0_max": tr("EfficientNet-Lite0 ImageNet + max pool (offline)"),
            "efficientnet_lite0_gem": tr("EfficientNet-Lite0 ImageNet + GeM"),
            "resnet50_max_512": tr("ResNet50 ImageNet + max pool at 512 px (paper Table 3)"),
            "resnet50_gem_1024": tr("ResNet50 ImageNet + GeM at 1024 px (paper Table 4)"),
        },
    }


TRANSLATED_CHOICES = ("RECIPES", "WEIGHTS", "SEMANTIC_MODES", "LEGEND_PRESETS", "BASELINES", "CLASS_MAPPINGS",
                      "INDEX_DESCRIBERS")


def choice_labels(name: str) -> List[str]:
    """The labels of ``core.choices.<name>`` (a key -> label dict), in its order, in the user's language."""
    options = getattr(choices, name)
    table = _tables().get(name, {})
    english = choices.labels(options)
    return [table.get(k, e) for k, e in zip(choices.keys(options), english)]


def choice_label(name: str, key: str) -> str:
    """The label of one key of ``core.choices.<name>`` in the user's language."""
    options = getattr(choices, name)
    return choice_labels(name)[choices.keys(options).index(key)]


def category_labels() -> Dict[str, str]:
    """The paper's 12 legend categories (``core.geo.legend``): key -> label in the user's language."""
    return {
        "road": tr("road"),
        "church": tr("church or chapel"),
        "tower": tr("tower or keep"),
        "fort": tr("fort or blockhouse"),
        "castle": tr("castle"),
        "building": tr("undifferentiated building"),
        "water": tr("water surface"),
        "sports": tr("sports ground"),
        "cemetery": tr("cemetery"),
        "vegetation": tr("vegetation"),
        "airport": tr("airport or airfield"),
        "railway": tr("railway"),
    }


def category_label(category) -> str:
    """A legend category's label in the user's language (a category of a user's mapping file keeps its own)."""
    return category_labels().get(category.key, category.label) if _is_builtin(category) else category.label


def _is_builtin(category) -> bool:
    from .core.geo.legend import CATEGORIES
    return any(c.key == category.key and c.label == category.label for c in CATEGORIES)


def missing_message(names: List[str]) -> str:
    """What is missing and where to install it from (``runtime.dependencies.missing_message``, translated)."""
    return tr("CrossTime needs {} (not found in the Python that QGIS uses). Install them from the menu Plugins > "
              "CrossTime > Dependencies… (or the button in the CrossTime panel): they go to a private folder of your "
              "QGIS profile. Then restart QGIS.").format(", ".join(names))


def mapping_warnings(report) -> List[str]:
    """``core.geo.legend.MappingReport.warnings()`` in the user's language (the same sentences in English)."""
    return [translated(w) for w in report.warnings()]
