"""The jobs a user runs, one function each, grouped by family and re-exported here.

The dock, the Processing algorithms, the command line and the demo all call these; none of them
assembles grids, rasterizers, tile sources or describers itself. Vector layers arrive as
:class:`~..geo.vectors.VectorLayerData` (read from files by the command line, from QGIS layers by the plugin).
A job's inputs come first; its options are keyword-only, and a job with many options takes a small request
dataclass (``IndexSettings``, ``EvaluationRequest``, ``ArchiveOptions``, ``LocateOutputs``).
"""
from .archive_places import (
    archive_index_for_clicks,
    evaluate_archive,
    modern_tile_at,
    photos_showing_place,
    synthetic_archive,
)
from .archive_search import (
    ArchiveOptions,
    LocateOutputs,
    archive_describer_for,
    build_modern_index,
    index_archive,
    index_archive_for_ortho,
    locate_archive_photos,
)
from .describer_choice import (
    GENERAL,
    QUICK,
    UNTRAINED,
    describer_for,
    describer_for_index,
    model_describer,
    untrained_model_path,
    warn_if_trained_elsewhere,
)
from .evaluation import EvaluationRequest, evaluate_stores
from .export import export_onnx
from .indexing import IndexSettings, build_index_from_layers, build_index_from_store, merge_index_shards
from .matching import match_all_tiles, open_matcher
from .tiles import (
    build_tile_store,
    grid_for_bounds,
    grid_for_orthos,
    layer_tiles,
    open_tile_set,
    read_class_rasters,
    read_vector_files,
)
from .training import REGION_MODEL, learn_region, train_descriptor

__all__ = [
    "GENERAL", "QUICK", "REGION_MODEL", "UNTRAINED", "ArchiveOptions", "EvaluationRequest", "IndexSettings", "LocateOutputs",
    "archive_describer_for", "archive_index_for_clicks", "build_index_from_layers", "build_index_from_store",
    "build_modern_index", "build_tile_store", "describer_for", "describer_for_index", "evaluate_archive",
    "evaluate_stores", "export_onnx", "grid_for_bounds", "grid_for_orthos", "index_archive", "index_archive_for_ortho",
    "layer_tiles", "learn_region", "locate_archive_photos", "match_all_tiles", "merge_index_shards", "model_describer",
    "modern_tile_at", "open_matcher", "open_tile_set", "photos_showing_place", "read_class_rasters", "read_vector_files",
    "synthetic_archive", "train_descriptor", "untrained_model_path", "warn_if_trained_elsewhere",
]
