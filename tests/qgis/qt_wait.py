"""Helpers of the QGIS tests: spin Qt's event loop (tasks report through it) until a condition holds, and make the
dock's usual choices."""
import time

from qgis.PyQt.QtCore import QCoreApplication


def wait_for(pred, timeout=120):
    t0 = time.time()
    while not pred():
        QCoreApplication.processEvents()
        time.sleep(0.01)
        assert time.time() - t0 < timeout, "timed out"
    QCoreApplication.processEvents()


def fill_dock(dock, old, new, old_vectors, new_vectors, model: str, index: str) -> None:
    """Choose in ``dock`` the two orthos and the vector layers of each date, tiles of 100 m / 64 px, ``model`` as
    the describer, and ``index`` as the index to build and to match against."""
    w = dock.w
    w.oldOrthoCombo.setLayer(old)
    w.newOrthoCombo.setLayer(new)
    dock.layers_panel.set_checked(w.oldVectorsCombo, [l.id() for l in old_vectors])
    dock.layers_panel.set_checked(w.newVectorsCombo, [l.id() for l in new_vectors])
    w.tileSizeSpin.setValue(100.0)
    w.pixelsSpin.setValue(64)
    w.describerCombo.setCurrentIndex(w.describerCombo.findData("file"))
    w.modelFile.setFilePath(model)
    w.indexFile.setFilePath(index)
    w.saveIndexFile.setFilePath(index)


def assert_describes_as_the_files(idx, grid, land, model: str, out: str) -> None:
    """``idx`` (built through other layers) describes the same tiles as an index built on ``grid`` from the
    landscape's files: the same ids, each tile's nearest file tile its own (> 90 %)."""
    import numpy as np

    from crosstime.core import jobs
    from crosstime.core.geo.legend import load_legend
    ref, _, _ = jobs.build_index_from_layers(out, land.old_ortho, land.new_ortho,
                                             jobs.read_vector_files([land.old_vectors]), load_legend("bdtopo_v3"),
                                             jobs.IndexSettings(model=model), grid=grid)
    assert list(ref.ids) == list(idx.ids)
    sim = np.asarray(idx.descriptors) @ np.asarray(ref.descriptors).T
    assert np.mean(np.argmax(sim, axis=1) == np.arange(len(idx))) > 0.9
