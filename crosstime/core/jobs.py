"""The jobs a user runs, one function each, with plain parameters.

The dock, the Processing algorithms, the command line and the demo all call these; none of them
assembles grids, rasterizers, tile sources or describers itself. Vector layers arrive as
:class:`~.geo.vectors.VectorLayerData` (read from files by the command line, from QGIS layers by the plugin).
"""
from __future__ import annotations

import functools
import numbers
import os
from typing import List, Optional, Sequence, Tuple

from .atomic import check_writable
from .errors import CrossTimeError
from .geo.grid import Bounds, TileGrid
from .geo.legend import Legend
from .geo.tile_reader import OrthoSource
from .geo.vectors import VectorLayerData
from .progress import SILENT, Progress
from .tiles.dates import NEW, OLD

# describers -------------------------------------------------------------------------------------
QUICK = "quick"          # the describer that needs no model and no torch: a per-tile standardised thumbnail


def describer_for(model: Optional[str], legend: Legend, pixels: int = 256, semantic_mode: str = "rgb",
                  device: str = "auto"):
    """A model file's describer; 'quick' for the thumbnail describer (numpy only, no training); the untrained
    CNN baseline when ``model`` is empty or 'baseline'.

    A model brings its own input size and semantic mode; ``pixels`` and ``semantic_mode`` apply to the baselines.
    """
    from .retrieval.describer import BaselineDescriber, ThumbnailDescriber
    if model == QUICK:
        return ThumbnailDescriber(pixels)
    if model and model != "baseline":
        return model_describer(model, legend, device)
    return BaselineDescriber(legend, semantic_mode=semantic_mode, pixels=pixels, device=device)


def model_describer(model: str, legend: Legend, device: str = "auto"):
    """The describer of a model file: an exported ONNX model (``.onnx``) runs with onnxruntime; a ``.ctmodel`` runs
    with PyTorch, or, where PyTorch is absent, as the ONNX file of the same name beside it when there is one."""
    from .retrieval.describer import ModelDescriber
    from .retrieval.onnx_describer import OnnxDescriber, is_onnx_path, torch_available
    if is_onnx_path(model):
        return OnnxDescriber(model, legend, device)
    if not torch_available():
        beside = os.path.splitext(model)[0] + ".onnx"
        if os.path.exists(beside):
            return OnnxDescriber(beside, legend, device)
        raise CrossTimeError(f"{model}: this model file needs PyTorch, which is not installed. Install it (QGIS: "
                             "Plugins > CrossTime > Dependencies), or export the model to ONNX where PyTorch is "
                             "(python -m crosstime export MODEL --out MODEL.onnx) and use the .onnx file")
    return ModelDescriber(model, legend, device)


def describer_for_index(index, model: Optional[str], legend: Legend, device: str = "auto", what: str = "the index"):
    """The describer that made ``index``: the model file given, or the baseline with the index's own settings.

    Refuses (IndexFileError) a describer whose fingerprint differs from the index's.
    """
    cfg = index.model_config or {}
    pixels = int((index.grid or {}).get("pixels") or cfg.get("tile_pixels") or 256)
    if not model and cfg.get("baseline") == "thumbnail":
        model = QUICK
    describer = describer_for(model, legend, pixels, cfg.get("semantic_mode", "rgb"), device)
    index.check_model(describer.fingerprint, what)
    return describer


DEFAULT_TILE_SIZE = 1000.0      # ground units, when neither the caller nor the model says
DEFAULT_PIXELS = 256


def _tile_settings(describer, model: Optional[str], tile_size: Optional[float], pixels: Optional[int],
                   progress: Progress) -> Tuple[float, int]:
    """The tile size and pixels of an index: the caller's, else the model's (what it was trained on), else the
    defaults. A model trained on other tiles than asked still works (tiles are resized) but is told about."""
    cfg = describer.config if model and model != "baseline" else {}
    m_size, m_px = cfg.get("tile_size"), cfg.get("tile_pixels")
    size = float(tile_size) if tile_size is not None else float(m_size or DEFAULT_TILE_SIZE)
    px = int(pixels) if pixels is not None else int(m_px or DEFAULT_PIXELS)
    if (m_size and abs(size - float(m_size)) > 1e-6 * float(m_size)) or (m_px and px != int(m_px)):
        trained = f"{float(m_size):g} ground units" if m_size else "tiles of an unrecorded size"
        progress.info(f"the model {model} was trained on tiles of {trained} at {m_px} px; this index uses tiles of "
                      f"{size:g} at {px} px as asked (leave the tile size and pixels unset to use the model's)")
    return size, px


def warn_if_trained_elsewhere(describer, legend: Legend, progress: Progress) -> None:
    """A model drawn with another legend reads the semantic images differently: it still runs, and says so."""
    trained = (getattr(describer, "config", None) or {}).get("legend")
    modality = (describer.config or {}).get("modality", "fusion")
    if trained and legend is not None and trained != legend.name and modality != "visual":
        progress.info(f"warning: the model was trained on vectors drawn with the legend '{trained}', and is applied "
                      f"to vectors drawn with '{legend.name}'; choose the legend it was trained with if you can")


def _index_bytes(tiles: int, describer) -> Optional[int]:
    """About the size of an index file of ``tiles`` descriptors (None when the describer does not say its size)."""
    dim = (describer.config or {}).get("dim")
    return int(tiles * (4 * int(dim) + 160)) if dim else None


# grids and tile sources -------------------------------------------------------------------------
def grid_for_orthos(old_ortho: str, new_ortho: str, tile_size: float, pixels: int, crs: Optional[str] = None,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """The tile grid over the overlap of the two orthos, in ``crs`` (default: the new ortho's)."""
    from .tiles.build import grid_for_orthos as _grid
    return _grid(old_ortho, new_ortho, tile_size, pixels, crs, stride, extent)


def grid_for_bounds(old_bounds: Bounds, new_bounds: Bounds, crs: str, tile_size: float, pixels: int,
                    stride: float = 0.0, extent: Optional[Bounds] = None) -> TileGrid:
    """The tile grid over the overlap of two orthos given by their bounds in ``crs`` (layers that are not files)."""
    from rasterio.crs import CRS

    from .tiles.build import DatasetError
    if not crs:
        raise DatasetError("the new ortho has no coordinate reference system")
    if CRS.from_user_input(crs).is_geographic:
        raise DatasetError(f"the grid CRS {crs} is geographic (degrees): tiles need a projected CRS in metres, "
                           "for example EPSG:2154 (Lambert-93) or the UTM zone of the area")
    return TileGrid.for_overlap(tuple(old_bounds), tuple(new_bounds), crs, tile_size, pixels, stride, (0.0, 0.0), extent)


def layer_tiles(grid: TileGrid, legend: Legend, old_ortho: Optional[OrthoSource] = None,
                new_ortho: Optional[OrthoSource] = None,
                old_vectors: Sequence[VectorLayerData] = (), new_vectors: Sequence[VectorLayerData] = ()):
    """Tiles of ``grid`` read from the orthos and drawn from the vectors of the dates given."""
    from .tiles.from_layers import LayerTiles
    orthos = {d: o for d, o in ((OLD, old_ortho), (NEW, new_ortho)) if o}
    vectors = {d: list(v) for d, v in ((OLD, old_vectors), (NEW, new_vectors)) if d in orthos}
    return LayerTiles(grid, orthos, vectors, legend)


def open_tile_set(store_paths: Sequence[str], min_valid: float = 0.9):
    """The usable tiles of one or more tile stores, as one TileSet."""
    from .tiles.selection import TileSet
    from .tiles.store import open_stores
    if not store_paths:
        raise CrossTimeError("no tile store given")
    return TileSet(open_stores(store_paths), min_valid=min_valid)


# 1. tile store ----------------------------------------------------------------------------------
def build_tile_store(out: str, old_ortho: str, new_ortho: str, old_vectors: Sequence[VectorLayerData],
                     new_vectors: Sequence[VectorLayerData], legend: Legend, tile_size: float, pixels: int,
                     crs: Optional[str] = None, stride: float = 0.0, extent: Optional[Bounds] = None,
                     progress: Progress = SILENT):
    """Cut both orthos and their vectors on one grid into a tile store at ``out``; returns (store, summary)."""
    from .tiles.build import write_tile_store
    check_writable(out)
    grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs, stride, extent)
    check_writable(out, len(grid) * grid.pixels * grid.pixels * 8)        # both dates' images and codes
    progress.info(f"grid: {grid.summary()}")
    progress.update(0.0, "preparing vector layers")
    with layer_tiles(grid, legend, old_ortho, new_ortho, old_vectors, new_vectors) as tiles:
        store, summary = write_tile_store(out, tiles, progress)
    summary["grid"] = grid
    return store, summary


# 2. training ------------------------------------------------------------------------------------
def train_descriptor(stores: Sequence[str], out_model: str, val_stores: Sequence[str] = (), recipe: Optional[str] = None,
                     checkpoints: Optional[str] = None, log_csv: Optional[str] = None, plot: Optional[str] = None,
                     val_fraction: float = 0.2, progress: Progress = SILENT, **overrides):
    """Train a descriptor on tile stores; writes the model (and the log and plot when asked). Returns the TrainResult."""
    from .choices import DEFAULT_RECIPE
    from .train.run import train
    check_writable(out_model)
    if checkpoints:
        check_writable(checkpoints, folder=True)
    for extra in (log_csv, plot):
        if extra:
            check_writable(extra)
    recipe = recipe or DEFAULT_RECIPE
    result = train(stores, out_model, val_stores, recipe, val_fraction, checkpoints, log_csv, progress, **overrides)
    if plot:
        from .evaluation.report import plot_history
        plot_history(result.history, plot, f"{recipe}, {overrides.get('backbone') or 'default backbone'}")
    return result



def learn_region(folder: str, grid: TileGrid, old_ortho: OrthoSource, new_ortho: OrthoSource,
                 old_vectors: Sequence[VectorLayerData], new_vectors: Sequence[VectorLayerData], legend: Legend,
                 minutes: float = 10.0, index_out: Optional[str] = None, seed: int = 0, progress: Progress = SILENT):
    """Train CrossTime's CPU recipe on one region, then (with ``index_out``) index its old date with the model.

    Training tiles are cut every half tile over the two orthos' overlap (four times the pairs of the grid), the
    eastern fifth held out for validation; the best model so far is kept at ``folder/region.ctmodel``, with its
    log, plot and checkpoints beside it (never in a temporary folder). Returns (model path, TrainResult, index).
    """
    from .geo.grid import TileGrid as Grid
    os.makedirs(folder, exist_ok=True)
    model = os.path.join(folder, REGION_MODEL)
    check_writable(model)
    dense = Grid.covering(grid.bounds(), grid.crs, grid.tile_size, grid.pixels, grid.tile_size / 2, grid.origin)
    store = os.path.join(folder, "region_tiles.ctstore")
    check_writable(store, len(dense) * dense.pixels * dense.pixels * 8)
    progress.info(f"learning this region: {dense.summary()}, {minutes:g} min of training")
    with layer_tiles(dense, legend, old_ortho, new_ortho, old_vectors, new_vectors) as tiles:
        from .tiles.build import write_tile_store
        write_tile_store(store, tiles, progress.sub(0.0, 0.15))
    result = train_descriptor([store], model, (), None, os.path.join(folder, "region_checkpoints"),
                              os.path.join(folder, "region_training.csv"), os.path.join(folder, "region_training.png"),
                              progress=progress.sub(0.15, 0.85 if index_out else 1.0), max_minutes=minutes,
                              epochs=1000, early_stop=8, seed=seed,
                              tile_pixels=128 if grid.pixels >= 128 else max(32, grid.pixels - grid.pixels % 32))
    index = None
    if index_out:
        index, _, _ = build_index_from_layers(index_out, old_ortho, new_ortho, old_vectors, legend, grid.tile_size,
                                              grid.pixels, model, grid.crs, progress=progress.sub(0.85, 1.0), grid=grid)
    return model, result, index


REGION_MODEL = "region.ctmodel"


# 3. index ---------------------------------------------------------------------------------------
def build_index_from_store(store_path: str, out: str, model: Optional[str] = None, date: str = OLD,
                           shard: Tuple[int, int] = (0, 1), device: str = "auto", progress: Progress = SILENT):
    """Describe one date of a tile store into an index file at ``out``; returns the index."""
    from .retrieval.index import build_index
    from .tiles.selection import TileSet
    from .tiles.store import TileStore
    check_writable(out)
    store = TileStore(store_path)
    describer = describer_for(model, store.legend(), store.pixels, device=device)
    warn_if_trained_elsewhere(describer, store.legend(), progress)
    check_writable(out, _index_bytes(len(store), describer))
    idx = build_index(describer, TileSet([store], min_valid=0.0), date, shard, progress, {"tile_store": store_path})
    progress.check()
    idx.save(out)
    return idx


def build_index_from_layers(out: str, old_ortho: OrthoSource, new_ortho: OrthoSource,
                            old_vectors: Sequence[VectorLayerData],
                            legend: Legend, tile_size: Optional[float] = None, pixels: Optional[int] = None,
                            model: Optional[str] = None, crs: Optional[str] = None, semantic_mode: str = "rgb",
                            shard: Tuple[int, int] = (0, 1), device: str = "auto", progress: Progress = SILENT,
                            grid: Optional[TileGrid] = None):
    """Describe the old ortho's tiles on the grid of the two orthos' overlap into an index at ``out``.

    The orthos are file paths, or reader factories (``geo.tile_reader``) given with the ``grid`` to use
    (:func:`grid_for_bounds`; a given grid's tile size and pixels are used as they are).

    ``tile_size`` (ground units) and ``pixels``: None means the model's own (those it was trained on), else
    1000 m and 256 px. Returns (index, grid, legend-mapping warnings). The index file is replaced only once
    complete.
    """
    from .geo.tile_reader import source_label
    from .retrieval.index import build_index
    check_writable(out)
    if grid is not None:
        tile_size, pixels = grid.tile_size, grid.pixels
    describer = describer_for(model, legend, pixels or DEFAULT_PIXELS, semantic_mode, device)
    warn_if_trained_elsewhere(describer, legend, progress)
    tile_size, pixels = _tile_settings(describer, model, tile_size, pixels, progress)
    if grid is None:
        grid = grid_for_orthos(old_ortho, new_ortho, tile_size, pixels, crs)
    check_writable(out, _index_bytes(len(grid), describer))
    with layer_tiles(grid, legend, old_ortho=old_ortho, old_vectors=old_vectors) as tiles:
        idx = build_index(describer, tiles, OLD, shard, progress,
                          {"old_ortho": source_label(old_ortho), "new_ortho": source_label(new_ortho),
                           "legend": legend.name})
        warnings = tiles.mapping_warnings(OLD)          # after drawing: it may have found broken geometries
        tiles.release_vectors()
    progress.check()
    idx.save(out)
    return idx, grid, warnings


def merge_index_shards(parts: Sequence[str], out: str):
    """Concatenate index shards into one index file at ``out``; returns it."""
    from .retrieval.index import merge_indexes
    check_writable(out)
    return merge_indexes(parts, out)


# 4. click to match ------------------------------------------------------------------------------
def open_matcher(index_path: str, model: Optional[str], legend: Legend, new_ortho: OrthoSource,
                 new_vectors: Sequence[VectorLayerData] = (), old_ortho: Optional[OrthoSource] = None,
                 old_vectors: Sequence[VectorLayerData] = (), device: str = "auto"):
    """A Matcher that answers clicks on the new ortho (``matcher.match(x, y, k)``) from an old-date index."""
    from .retrieval.click import Matcher
    from .retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(index_path)
    describer = describer_for_index(index, model, legend, device, f"the index {os.path.basename(index_path)}")
    return Matcher(index, describer, lambda grid: layer_tiles(grid, legend, old_ortho, new_ortho,
                                                              old_vectors if old_ortho else (), new_vectors))


# 5. match every tile ----------------------------------------------------------------------------
def match_all_tiles(index_path: str, model: Optional[str], legend: Legend, new_ortho: str,
                    new_vectors: Sequence[VectorLayerData] = (), k: int = 5, out_gpkg: Optional[str] = None,
                    device: str = "auto", progress: Progress = SILENT):
    """Match every new-date tile on the index's grid; writes the GeoPackage when ``out_gpkg`` is given.

    Returns (BatchMatches, legend-mapping warnings).
    """
    from .retrieval.bulk import match_tiles, write_matches_gpkg
    from .retrieval.index import DescriptorIndex, IndexFileError, SearchError
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise SearchError(f"k = {k}: ask for at least 1 match per tile")
    if out_gpkg:
        check_writable(out_gpkg)
    index = DescriptorIndex.load(index_path)
    index.check_k(k)
    if not index.grid:
        raise IndexFileError(f"{index_path}: this index has no tile grid (built from an image folder); it cannot be "
                             "matched against an ortho")
    describer = describer_for_index(index, model, legend, device)
    grid = TileGrid.from_dict(index.grid)
    with layer_tiles(grid, legend, new_ortho=new_ortho, new_vectors=new_vectors) as tiles:
        matches = match_tiles(describer, index, tiles, k, progress=progress)
        warnings = tiles.mapping_warnings(NEW)          # after drawing: it may have found broken geometries
    if matches.blank:
        progress.info(f"{matches.blank} of {matches.blank + len(matches.query_ids)} tiles of the index's grid have no "
                      f"data in {new_ortho} (outside it, or nodata): left out of the matches")
    if out_gpkg:
        write_matches_gpkg(out_gpkg, matches, grid.crs)
    return matches, warnings


# 6. evaluation ----------------------------------------------------------------------------------
def evaluate_stores(store_paths: Sequence[str], out_dir: str, models: Sequence[str] = (),
                    baselines: Optional[Sequence[str]] = None, semantic_mode: str = "rgb",
                    name: Optional[str] = None, device: str = "cpu", html: Optional[str] = None,
                    title: str = "CrossTime evaluation", validation_stores: Sequence[str] = (),
                    by_source: bool = False, progress: Progress = SILENT):
    """Score models and untrained baselines (keys of ``choices.BASELINES``; default: the light ones) on tile stores.

    Each baseline's normalisation and distance are chosen on ``validation_stores`` when given (fixed a priori
    otherwise). Writes the tables, figures and an HTML report (``html``, default ``out_dir/report.html``); with
    ``by_source``, also one report per source of the tiles in ``out_dir/<source>/``. Returns the Evaluation.
    """
    from . import choices
    from .evaluation.baselines import baseline_spec
    from .evaluation.evaluate import evaluate
    from .evaluation.report import html_report
    check_writable(out_dir, folder=True)
    if html:
        check_writable(html)
    tiles = open_tile_set(store_paths)
    validation = open_tile_set(validation_stores) if validation_stores else None
    first = tiles.stores[0]
    keys = choices.LIGHT_BASELINES if baselines is None else baselines
    unknown = [k for k in keys if k not in choices.BASELINES]
    if unknown:
        raise CrossTimeError(f"unknown baseline(s) {', '.join(unknown)}: choose among {', '.join(choices.BASELINES)}")
    specs = [baseline_spec(k) for k in keys]
    parts = [(None, tiles, out_dir)]
    if by_source:
        parts += [(src, part, os.path.join(out_dir, src.replace(os.sep, "_"))) for src, part in tiles.by_source().items()]
    result = None
    for k, (source, part, folder) in enumerate(parts):
        label = name or os.path.basename(first.path)
        ev = evaluate(part, first.legend(), folder, list(models), specs,
                      dataset_name=label if source is None else f"{label}, source {source}", semantic_mode=semantic_mode,
                      device=device, progress=progress.sub(k / len(parts), (k + 1) / len(parts)),
                      footprint=part.footprint_text(), validation=validation)
        figures = [ev.files[f] for f in sorted(ev.files) if f.startswith("figure_")]
        page = html if (html and source is None) else os.path.join(folder, "report.html")
        ev.files["html"] = html_report(ev.rows, ev.dataset, page, figures,
                                       title if source is None else f"{title}: source {source}")
        if result is None:
            result = ev
        else:
            result.files[f"html_{source}"] = ev.files["html"]
            result.by_source[source] = ev
    return result


def read_vector_files(paths: Sequence[str]) -> List[VectorLayerData]:
    """Every layer of each vector file (GeoPackage, Shapefile, GeoJSON...)."""
    from .geo.vectors import read_vector_file
    out: List[VectorLayerData] = []
    for p in paths or []:
        out.extend(read_vector_file(p))
    return out


# 7. archive search ------------------------------------------------------------------------------
# The dock's Archive tab, Processing and the command line call these: build_modern_index (once per region),
# index_archive (once per archive), locate_archive_photos (one or all photos), photos_showing_place (a click).
def build_modern_index(out: str, new_ortho: str, tile_size: float, pixels: int = 64, model: Optional[str] = None,
                       stride: float = 0.0, crs: Optional[str] = None, extent: Optional[Bounds] = None,
                       device: str = "auto", progress: Progress = SILENT):
    """Describe the modern (new-date) ortho's tiles with the visual-only archive descriptor into an index at ``out``.

    ``model``: a visual model file (trained with the 'archive' augmentation); None: the untrained fallback.
    ``stride`` < ``tile_size`` overlaps the tiles, which places photos more precisely. Returns the index.
    """
    from .archive.window_describer import ArchiveDescriber
    from .choices import DEFAULT_LEGEND
    from .geo.legend import load_legend
    from .retrieval.index import build_index
    describer = ArchiveDescriber(model, pixels, device)
    grid = grid_for_orthos(new_ortho, new_ortho, tile_size, describer.pixels, crs, stride, extent)
    progress.info(f"modern index grid: {grid.summary()}")
    with layer_tiles(grid, load_legend(DEFAULT_LEGEND), new_ortho=new_ortho) as tiles:
        idx = build_index(describer, tiles, NEW, (0, 1), progress,
                          {"new_ortho": new_ortho, "purpose": "archive search", "describer": describer.label})
    progress.check()
    idx.save(out)
    return idx


def _archive_describer_for(index, model: Optional[str], device: str, where: str):
    from .archive.window_describer import ArchiveDescriber
    pixels = int((index.grid or {}).get("pixels") or index.model_config.get("tile_pixels") or 64)
    describer = ArchiveDescriber(model, pixels, device)
    index.check_model(describer.fingerprint, where)
    return describer


def index_archive(folder: str, out: str, modern_index: str, model: Optional[str] = None,
                  catalogue: Optional[str] = None, known_scale: bool = True,
                  footprint_range: Optional[Tuple[float, float]] = None, scale_step: Optional[float] = None,
                  overlap: float = 0.5, photos: Optional[Sequence[str]] = None, device: str = "auto",
                  progress: Progress = SILENT):
    """Describe every window of every photo of the archive ``folder`` into an archive index at ``out``.

    Windows match the tiles of ``modern_index`` (their ground size at each photo's scale: the catalogue's when
    ``known_scale`` and known, else a series over ``footprint_range`` metres). Returns the ArchiveIndex.
    """
    from .archive.archive_index import ArchiveIndex
    from .archive.catalogue import open_archive
    from .archive.locate import describe_photo
    from .retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(modern_index, mmap=True)
    describer = _archive_describer_for(index, model, device, f"the modern index {os.path.basename(modern_index)}")
    tile = float((index.grid or {}).get("tile_size") or 0)
    if tile <= 0:
        raise CrossTimeError(f"{modern_index}: this index has no tile grid; build it with build_modern_index")
    items = []
    entries = open_archive(folder, catalogue, photos)
    for n, photo in enumerate(entries):
        progress.update(n / len(entries), f"describing {photo.name}")
        items.append(describe_photo(photo, describer, tile, known_scale, footprint_range, scale_step, overlap,
                                    progress.sub(n / len(entries), (n + 1) / len(entries))))
    progress.check()
    arch = ArchiveIndex.from_windows(items, describer.fingerprint, tile, describer.pixels,
                                     {"folder": os.path.abspath(folder), "catalogue": catalogue,
                                      "modern_index": os.path.abspath(modern_index), "describer": describer.label})
    arch.save(out)
    return arch


def locate_archive_photos(modern_index: str, archive_index: Optional[str] = None, folder: Optional[str] = None,
                          catalogue: Optional[str] = None, model: Optional[str] = None, out_gpkg: Optional[str] = None,
                          vrt_folder: Optional[str] = None, out_json: Optional[str] = None, k: int = 5,
                          known_scale: bool = True, photos: Optional[Sequence[str]] = None,
                          footprint_range: Optional[Tuple[float, float]] = None, device: str = "auto",
                          keep_others: bool = False, progress: Progress = SILENT) -> list:
    """Locate archive photos in the modern index: the photos of an archive index (``archive_index``), or those of
    the archive ``folder`` (``k``: ranked candidate footprints kept per photo); either way the scans are read
    again, turned and rescaled pose by pose and their windows correlated with the index's tiles
    (:mod:`.archive.correlate`). Writes the footprints GeoPackage, one VRT per
    photo and the locations JSON when asked. ``keep_others``: the photos located earlier (in ``out_json``) and not
    again now stay in the JSON and the GeoPackage, so photos can be located a few at a time.

    Returns the Locations (each with its footprint, confidence, runner-up and timings), in the archive's order.
    """
    import json
    import time

    from .archive.archive_index import ArchiveIndex
    from .archive.catalogue import open_archive
    from .archive.correlate import correlate_photo, prepare_index
    from .retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(modern_index)
    describer = _archive_describer_for(index, model, device, f"the modern index {os.path.basename(modern_index)}")
    prepared = prepare_index(index, describer)
    if archive_index:
        arch = ArchiveIndex.load(archive_index)
        index.check_model(arch.model_fingerprint, f"the archive index {os.path.basename(archive_index)}")
        chosen = [i for i, p in enumerate(arch.photos) if not photos or p.name in set(photos)]
        if photos and len(chosen) < len(set(photos)):
            missing = sorted(set(photos) - {arch.photos[i].name for i in chosen})
            raise CrossTimeError(f"{archive_index}: no photo named {missing[0]}; index it first (index-archive)")
        work = [arch.photos[i] for i in chosen]
        known_scale = known_scale and all(arch.known_scale[i] for i in chosen)
    elif folder:
        work = list(open_archive(folder, catalogue, photos))
    else:
        raise CrossTimeError("give an archive index (index-archive) or the archive folder to locate photos from")
    tile = float((index.grid or {}).get("tile_size") or 0)
    crs = index.crs or ""
    out = []
    for n, photo in enumerate(work):
        sub = progress.sub(n / len(work), (n + 1) / len(work))
        sub.update(0.0, f"locating {photo.name}")
        t0 = time.perf_counter()
        area = None
        if photo.centre is not None and photo.uncertainty:
            area = (photo.centre[0], photo.centre[1], float(photo.uncertainty))
        loc = correlate_photo(photo, describer, index, known_scale, footprint_range, area, progress=sub,
                              prepared=prepared)
        loc.candidates = loc.candidates[:max(1, k)]
        loc.seconds = time.perf_counter() - t0
        progress.info(f"{photo.name}: centre {loc.centre[0]:.0f}, {loc.centre[1]:.0f}, scale {loc.scale:.3f} m/px, "
                      f"rotation {loc.rotation:.0f} deg, confidence {loc.confidence:.2f}, "
                      f"{loc.agreeing_windows} windows" + ("" if loc.scale_known else " (scale searched)"))
        out.append(loc)
    from .archive.workspace import vrt_path
    vrts = {}
    if vrt_folder:
        from .archive.outputs import write_photo_vrt
        paths = {p.name: p.path for p in work}
        for loc in out:
            vrts[loc.photo] = write_photo_vrt(vrt_path(vrt_folder, loc.photo), os.path.abspath(paths[loc.photo]),
                                              loc, crs)
    written = list(out)
    if keep_others and out_json and os.path.exists(out_json):
        again = {loc.photo for loc in out}
        earlier = [loc for loc in read_locations(out_json) if loc.photo not in again]
        written = sorted(earlier + written, key=lambda loc: loc.photo)
        for loc in earlier:
            if vrt_folder and os.path.exists(vrt_path(vrt_folder, loc.photo)):
                vrts[loc.photo] = vrt_path(vrt_folder, loc.photo)
    if out_gpkg:
        from .archive.outputs import write_footprints_gpkg
        write_footprints_gpkg(out_gpkg, written, crs, vrts)
    if out_json:
        from .atomic import atomic_write
        doc = {"modern_index": os.path.abspath(modern_index), "crs": crs, "tile_size": tile,
               "locations": [loc.to_dict() for loc in written]}
        atomic_write(out_json, lambda f: f.write(json.dumps(doc, indent=1).encode()), ".json")
    return out


def index_archive_for_ortho(archive_folder: str, results_folder: str, new_ortho: str,
                            catalogue: Optional[str] = None, tile_size: float = 200.0, pixels: int = 64,
                            model: Optional[str] = None, device: str = "auto", progress: Progress = SILENT) -> dict:
    """The dock's and the demo's *Index archive*: in ``results_folder`` (an ArchiveWorkspace), the modern index of
    ``new_ortho`` (tiles of ``tile_size`` every half tile; made again only when the ortho or the tile size changed),
    then the archive index of every photo of ``archive_folder``. Returns the workspace's paths and counts."""
    from .archive.workspace import ArchiveWorkspace
    from .retrieval.index import DescriptorIndex
    ws = ArchiveWorkspace(results_folder)
    os.makedirs(ws.folder, exist_ok=True)
    fresh = False
    if os.path.exists(ws.modern_index):
        old = DescriptorIndex.load(ws.modern_index, mmap=True)
        fresh = (os.path.abspath(str(old.meta.get("new_ortho", ""))) == os.path.abspath(new_ortho)
                 and abs(float((old.grid or {}).get("tile_size") or 0) - tile_size) < 1e-6)
    if not fresh:
        progress.update(0.0, f"describing the tiles of {os.path.basename(new_ortho)} for archive search")
        build_modern_index(ws.modern_index, new_ortho, tile_size, pixels, model, stride=tile_size / 2,
                           device=device, progress=progress.sub(0.0, 0.4))
    arch = index_archive(archive_folder, ws.archive_index, ws.modern_index, model, catalogue,
                         progress=progress.sub(0.4 if not fresh else 0.0, 1.0))
    return {"folder": ws.folder, "modern_index": ws.modern_index, "archive_index": ws.archive_index,
            "photos": len(arch.photos), "windows": len(arch.descriptors), "modern_index_made": not fresh}


def read_locations(path: str) -> list:
    """The Locations of a JSON written by :func:`locate_archive_photos`."""
    import json

    from .archive.locate import Location
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return [Location.from_dict(d) for d in doc["locations"]]
    except FileNotFoundError:
        raise CrossTimeError(f"locations file not found: {path}; write it with locate (--json)") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CrossTimeError(f"{path}: not a locations file written by locate ({exc}); locate the photos again") from exc


def photos_showing_place(archive_index: str, modern_index: str, x: float, y: float, n: int = 10,
                         locations: Optional[str] = None) -> list:
    """Which archive photos show the place (x, y) (in the modern index's CRS): the photos ranked by their best
    window for the modern tile there, each with that window (centre, size, rotation in the photo) and, when
    ``locations`` (a JSON written by locate) has it, the photo's located footprint. Returns PlaceMatch items."""
    import numpy as np

    from .archive.archive_index import photos_showing
    from .retrieval.index import DescriptorIndex
    index = DescriptorIndex.load(modern_index, mmap=True)
    arch = archive_index_for_clicks(archive_index)
    index.check_model(arch.model_fingerprint, f"the archive index {os.path.basename(archive_index)}")
    row = modern_tile_at(index, x, y)
    matches = photos_showing(arch, np.asarray(index.descriptors[row]), n)
    if locations:
        found = {loc.photo: loc for loc in read_locations(locations)}
        for m in matches:
            if m.photo in found:
                m.footprint = [list(p) for p in found[m.photo].footprint]
    return matches


def archive_index_for_clicks(path: str):
    """The archive index at ``path``, read once for a run of clicks and read again when the file changes (an
    archive index holds every window of every photo: reading it on each click would make each click wait)."""
    try:
        st = os.stat(path)
    except OSError:
        from .archive.archive_index import ArchiveIndex
        return ArchiveIndex.load(path)          # its message names the missing file and what to do
    # a rewrite renames a new file into place: another inode, another time
    return _archive_index_of_version(os.path.abspath(path), st.st_ino, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=1)
def _archive_index_of_version(path: str, inode: int, mtime_ns: int, size: int):
    from .archive.archive_index import ArchiveIndex
    return ArchiveIndex.load(path)


def modern_tile_at(index, x: float, y: float) -> int:
    """The row of the index's tile whose centre is nearest (x, y) among those holding it (tiles overlap)."""
    import numpy as np
    fps = np.asarray(index.footprints)
    inside = np.nonzero((fps[:, 0] <= x) & (x <= fps[:, 2]) & (fps[:, 1] <= y) & (y <= fps[:, 3]))[0]
    if not len(inside):
        raise CrossTimeError(f"the point {x:.1f}, {y:.1f} lies outside {index.source or 'the modern index'}; "
                             "click inside the indexed area")
    cx, cy = (fps[inside, 0] + fps[inside, 2]) / 2, (fps[inside, 1] + fps[inside, 3]) / 2
    return int(inside[int(np.argmin(np.hypot(cx - x, cy - y)))])


def evaluate_archive(locations: str, truth: str, out_dir: Optional[str] = None, tile_size: Optional[float] = None,
                     label: str = "") -> dict:
    """Score a locations JSON against the true poses (a synthetic archive's sidecar); writes the CSV and JSON
    summary into ``out_dir`` when given. Returns the summary (success rates, median error, ranks, seconds)."""
    import json

    from .archive.scoring import load_truth, score_locations
    with open(locations, encoding="utf-8") as f:
        tile = tile_size or float(json.load(f).get("tile_size") or 0)
    if tile <= 0:
        raise CrossTimeError(f"{locations}: no tile size recorded; give the tile size of the modern index")
    ev = score_locations(read_locations(locations), load_truth(truth), tile, label or os.path.basename(locations))
    summary = ev.summary()
    if out_dir:
        summary["files"] = ev.write(out_dir)
    return summary


def synthetic_archive(old_ortho: str, out_folder: str, truth_json: str, n_photos: int = 50, seed: int = 0,
                      photo_px: Tuple[int, int] = (1000, 1400),
                      footprint_m: Tuple[float, float] = (1500.0, 3000.0)) -> dict:
    """Synthetic scanned photos of the old ortho (see ``archive.scans``); returns the true poses."""
    from .archive.scans import generate_archive
    return generate_archive(old_ortho, out_folder, truth_json, n_photos, seed, photo_px, footprint_m)


# 8. export --------------------------------------------------------------------------------------
def export_onnx(model_path: str, out_path: str, opset: Optional[int] = None) -> dict:
    """Export a trained model file (.ctmodel) to ONNX at ``out_path``, for describing tiles without PyTorch
    (onnxruntime). The file carries the model's configuration and fingerprint: an index built with either accepts
    the other. Returns a summary (path, fingerprint, out_dim, pixels, bytes, max_difference from PyTorch)."""
    from .retrieval.onnx_describer import OPSET
    from .retrieval.onnx_describer import export_onnx as _export
    check_writable(out_path)
    return _export(model_path, out_path, opset or OPSET)
