"""Matching new-date places against an old-date index: one click at a time, or every tile in bulk."""
from __future__ import annotations

import numbers
import os
from typing import TYPE_CHECKING, Optional, Sequence

from ..atomic import check_writable
from ..geo.grid import TileGrid
from ..geo.legend import Legend
from ..geo.tile_reader import OrthoSource
from ..geo.vectors import VectorLayerData
from ..messages import Message
from ..progress import SILENT, Progress
from ..tiles.dates import NEW
from .describer_choice import describer_for_index, model_for_index
from .tiles import layer_tiles

if TYPE_CHECKING:
    from ..retrieval.click import VectorsNear
    from ..retrieval.neighbourhood import Neighbourhood


def open_matcher(index_path: str, model: Optional[str], legend: Legend, new_ortho: OrthoSource, *,
                 new_vectors: Sequence[VectorLayerData] = (), old_ortho: Optional[OrthoSource] = None,
                 old_vectors: Sequence[VectorLayerData] = (), device: str = "auto",
                 vectors_near: Optional[VectorsNear] = None, new_has_vectors: Optional[bool] = None):
    """A Matcher that answers clicks on the new ortho (``matcher.match(x, y, k)``) from an old-date index.

    ``vectors_near(date, bounds)``: read each date's vector layers over the bounds of a click instead of giving
    ``new_vectors`` and ``old_vectors`` whole (see :class:`~..retrieval.click.Matcher`); ``new_has_vectors`` then
    says whether the new date has any (else taken from ``new_vectors``). ``matcher.notes``: what to tell the user
    about the map's part (retrieval.map_use)."""
    from ..retrieval.click import Matcher
    from ..retrieval.index import DescriptorIndex
    from ..retrieval.map_use import DescriberWithoutMaps, has_vector_data, matcher_notes
    index = DescriptorIndex.load(index_path)
    describer = describer_for_index(index, model_for_index(model, index_path), legend, device=device,
                                    what=Message("the index {name}", name=os.path.basename(index_path)))
    if new_has_vectors is None:          # read around each click: not known here, taken as there
        new_has_vectors = True if vectors_near is not None else has_vector_data(new_vectors)
    new_map = bool(new_has_vectors)
    mapless, notes = matcher_notes(index.meta, new_map, describer.config)
    if mapless:
        describer = DescriberWithoutMaps(describer)
    if vectors_near is not None:
        new_vectors, old_vectors = (), ()
    matcher = Matcher(index, describer, lambda grid: layer_tiles(
        grid, legend, old_ortho=old_ortho, new_ortho=new_ortho, old_vectors=old_vectors if old_ortho else (),
        new_vectors=new_vectors), vectors_near)
    matcher.notes = notes
    return matcher


def match_all_tiles(index_path: str, model: Optional[str], legend: Legend, new_ortho: str, *,
                    new_vectors: Sequence[VectorLayerData] = (), k: int = 5, out_gpkg: Optional[str] = None,
                    device: str = "auto", progress: Progress = SILENT, neighbourhood: Optional[Neighbourhood] = None):
    """Match every new-date tile on the index's grid, each candidate judged with its ``neighbourhood`` (3x3 by
    default); writes the GeoPackage when ``out_gpkg`` is given.

    Returns (BatchMatches, legend-mapping warnings).
    """
    from ..retrieval.bulk import match_tiles, write_matches_gpkg
    from ..retrieval.index import DescriptorIndex, IndexFileError, SearchError
    from ..retrieval.map_use import DescriberWithoutMaps, has_vector_data, matcher_notes
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
        raise SearchError("k = {k}: ask for at least 1 match per tile", k=k)
    if out_gpkg:
        check_writable(out_gpkg)
    index = DescriptorIndex.load(index_path)
    index.check_k(k)
    if not index.grid:
        raise IndexFileError("{index_path}: this index has no tile grid (built from an image folder); it cannot be "
                             "matched against an ortho", index_path=index_path)
    describer = describer_for_index(index, model_for_index(model, index_path), legend, device=device)
    mapless, notes = matcher_notes(index.meta, has_vector_data(new_vectors), describer.config)
    for note in notes:
        progress.info(note)
    if mapless:
        describer, new_vectors = DescriberWithoutMaps(describer), ()
    grid = TileGrid.from_dict(index.grid)
    with layer_tiles(grid, legend, new_ortho=new_ortho, new_vectors=new_vectors) as tiles:
        matches = match_tiles(describer, index, tiles, k, progress=progress, neighbourhood=neighbourhood)
        warnings = tiles.mapping_warnings(NEW)          # after drawing: it may have found broken geometries
    if matches.blank:
        progress.info(Message("{blank} of {total} tiles of the index's grid have no "
                              "data in {new_ortho} (outside it, or nodata): left out of the matches",
                              blank=matches.blank, total=matches.blank + len(matches.query_ids), new_ortho=new_ortho))
    if out_gpkg:
        write_matches_gpkg(out_gpkg, matches, grid.crs)
    return matches, warnings
