"""Core messages for the user: an English template and its values (``core.messages``), carried by every CrossTime
error, pickled across processes, translated by the interface; and ``scripts/i18n.py`` finds every template of
``core/`` and refuses a message built already filled."""
import errno
import importlib.util
import os
import pickle

import pytest

from crosstime.core.messages import Joined, Message, translated

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# a pretend translation: template -> French
FRENCH = {
    "{path}: not a CrossTime tile store (no meta.json)":
        "{path} : ce n'est pas un jeu de tuiles CrossTime (pas de meta.json)",
    "tile {done}/{n}": "tuile {done}/{n}",
    "the model {model} was trained on tiles of {trained}": "le modèle {model} a été entraîné sur des tuiles de {trained}",
    "{size:g} ground units": "{size:g} unités terrain",
    "ring {n} has no points": "l'anneau {n} n'a aucun point",
}


def french(template: str) -> str:
    return FRENCH.get(template, template)


def _i18n_script():
    spec = importlib.util.spec_from_file_location("crosstime_i18n_script", os.path.join(ROOT, "scripts", "i18n.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_message_is_its_english_sentence_and_keeps_template_and_values():
    m = Message("tile {done}/{n}", done=3, n=12)
    assert m == "tile 3/12" and isinstance(m, str)
    assert m.template == "tile {done}/{n}" and m.values == {"done": 3, "n": 12}
    assert translated(m, french) == "tuile 3/12"
    back = pickle.loads(pickle.dumps(m))
    assert isinstance(back, Message) and back == m and back.values == m.values
    # without values the braces are text
    assert Message("{not a field}") == "{not a field}"


def test_translated_fills_the_translated_template_nested_messages_included():
    m = Message("the model {model} was trained on tiles of {trained}", model="m.ctmodel",
                trained=Message("{size:g} ground units", size=200.0))
    assert m == "the model m.ctmodel was trained on tiles of 200 ground units"
    assert translated(m, french) == "le modèle m.ctmodel a été entraîné sur des tuiles de 200 unités terrain"
    j = Joined("; ", [Message("ring {n} has no points", n=2), "fid 7"])
    assert j == "ring 2 has no points; fid 7"
    assert translated(j, french) == "l'anneau 2 n'a aucun point; fid 7"
    assert pickle.loads(pickle.dumps(j)) == j
    # what is not a core message is shown as it is: a library's text, an exception of another kind
    assert translated("plain text", french) == "plain text"
    assert translated(ValueError("some library said this"), french) == "some library said this"
    # a translation that broke a field does not hide the message
    assert "3" in Message("tile {done}/{n}", done=3, n=4).translated(lambda t: "tuile {faite}/{n}")


def test_a_real_core_error_keeps_its_template_and_values_and_pickles(tmp_path):
    from crosstime.core.errors import CrossTimeError
    from crosstime.core.tiles.store import TileStore, TileStoreError
    missing = str(tmp_path / "no_store")
    with pytest.raises(TileStoreError) as info:
        TileStore(missing)
    err = info.value
    assert isinstance(err, CrossTimeError) and isinstance(err, RuntimeError)
    assert str(err) == f"{missing}: not a CrossTime tile store (no meta.json)"
    assert err.message.template == "{path}: not a CrossTime tile store (no meta.json)"
    assert err.message.values == {"path": missing}
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is TileStoreError and str(back) == str(err)
    assert back.message.template == err.message.template and back.message.values == err.message.values
    assert translated(back, french) == f"{missing} : ce n'est pas un jeu de tuiles CrossTime (pas de meta.json)"


def test_a_bad_setting_is_a_crosstime_error_and_still_a_value_error():
    from crosstime.core.errors import CrossTimeError, InputError
    from crosstime.core.geo.grid import GridError, TileGrid
    from crosstime.core.train.recipes import recipe
    with pytest.raises(ValueError) as info:
        recipe("siamese", no_such_setting=1)
    assert isinstance(info.value, InputError) and info.value.message.values == {"k": "no_such_setting"}
    with pytest.raises(GridError) as info:
        TileGrid.covering((0, 0, 1000, 1000), "EPSG:2154", -5, 64)
    assert isinstance(info.value, CrossTimeError) and info.value.message.values["tile_size"] == -5.0


def test_an_output_error_pickles_with_its_path_and_error_number(tmp_path):
    from crosstime.core.atomic import OutputError, disk_full_error
    err = disk_full_error(str(tmp_path / "out.gpkg"))
    assert isinstance(err, OSError) and err.errno == errno.ENOSPC and err.filename == str(tmp_path / "out.gpkg")
    assert str(err).startswith(f"{tmp_path / 'out.gpkg'}: the disk is full; nothing was written")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is OutputError and back.errno == errno.ENOSPC and back.filename == err.filename
    assert str(back) == str(err) and back.message.values == err.message.values


def test_mapping_warnings_are_messages():
    from crosstime.core.geo.legend import MappingReport
    rep = MappingReport()
    rep.empty_layers.append("ROUTE")
    rep.bad_features["BATIMENT"] = [(Message("feature {n}", n=k), Message("ring {n} has no points", n=1))
                                    for k in range(1, 8)]
    w = rep.warnings()
    assert w[0] == "layer 'ROUTE' has no features" and w[0].template == "layer '{name}' has no features"
    assert w[1].startswith("layer 'BATIMENT': 7 feature(s) with a broken geometry skipped, not drawn (feature 1: ring 1 "
                           "has no points; feature 2")
    assert "; and 2 more)" in w[1]
    assert "l'anneau 1 n'a aucun point" in translated(w[1], french)


# scripts/i18n.py on core/ ----------------------------------------------------------------------------------------
BAD_MODULE = '''
from ..errors import CrossTimeError


class StoreError(CrossTimeError, ValueError):
    pass


def open_store(path, progress):
    progress.update(0.5, f"reading {path}")
    progress.info("{} tiles".format(3))
    if not path:
        raise ValueError("give a path")
    if path == "-":
        raise ValueError("never happens")   # invariant
    raise StoreError(f"{path}: not a store")
'''

GOOD_MODULE = '''
from ..errors import CrossTimeError
from ..messages import Message


class StoreError(CrossTimeError, ValueError):
    pass


def open_store(path, progress):
    progress.update(0.5, Message("reading {path}", path=path))
    progress.info("reading tiles")
    raise StoreError("{path}: not a store", path=path)
'''


def test_the_i18n_check_refuses_untranslatable_core_messages():
    i18n = _i18n_script()
    errors = i18n.crosstime_error_classes() | {"StoreError"}
    found, problems = i18n.extract_core_source(BAD_MODULE, "core/bad.py", errors)
    assert found == []
    assert len(problems) == 4, problems
    assert any("core/bad.py:10: progress.update() of a text filled by an f-string" in p for p in problems)
    assert any("core/bad.py:11: progress.info() of a text filled by .format()" in p for p in problems)
    assert any("core/bad.py:13: raise ValueError()" in p for p in problems)       # the one marked invariant passes
    assert any("core/bad.py:16: StoreError() of a text filled by an f-string" in p for p in problems)
    found, problems = i18n.extract_core_source(GOOD_MODULE, "core/good.py", errors)
    assert not problems
    assert [k[1] for k, _ in found] == ["reading {path}", "reading tiles", "{path}: not a store"]


def test_the_i18n_script_finds_the_templates_of_core_and_core_has_no_untranslatable_message():
    i18n = _i18n_script()
    errors = i18n.crosstime_error_classes()
    assert {"CrossTimeError", "GridError", "TileStoreError", "OutputError", "InputError", "ArchiveError"} <= errors
    messages, problems = i18n.extract_core(errors)
    assert not problems, "\n".join(problems)
    texts = {k[1] for k in messages}
    assert "{path}: not a CrossTime tile store (no meta.json)" in texts           # a raise
    assert "tile {done}/{n}" in texts                                             # a progress step (Message)
    assert "preparing vector layers" in texts                                     # a literal progress step
    assert "a CrossTime descriptor index" in texts                                # a Message without values
    assert all(k[0] == "CrossTime" for k in messages)


def test_another_librarys_words_give_way_to_the_log_in_another_language():
    """GDAL's or PyTorch's reason stays in the English sentence; a translated one points to the log instead."""
    from crosstime.core.errors import CrossTimeError
    from crosstime.core.messages import DETAILS_IN_THE_LOG, Detail, translated
    err = CrossTimeError("{path}: not a readable model file ({cause})", path="/m.ctmodel",
                         cause=Detail("RuntimeError: [enforce fail at inline_container.cc:180]"))
    assert str(err) == "/m.ctmodel: not a readable model file (RuntimeError: [enforce fail at inline_container.cc:180])"
    french = {"{path}: not a readable model file ({cause})": "{path} : fichier de modèle illisible ({cause})",
              str(DETAILS_IN_THE_LOG): "détails dans le journal CrossTime"}
    assert translated(err, lambda t: french.get(t, t)) == ("/m.ctmodel : fichier de modèle illisible (détails dans le "
                                                           "journal CrossTime)")
    assert translated(err, lambda t: t) == str(err)            # English: the library's words are kept
    assert pickle.loads(pickle.dumps(err)).message.values["cause"].__class__ is Detail
