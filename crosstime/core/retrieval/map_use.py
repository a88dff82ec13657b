"""When the map takes part in a descriptor: only where both dates have one.

A fusion descriptor sees each tile's image and its map (the vector layers drawn on it). Where only one date has vector
data, the other date's tiles show an empty map, and the descriptor compares a map with an empty map: measured on
the real pairs with a building layer on one date only, a fusion model found the true tile first far less often than
the image's thumbnail alone (map@5 0.474 against 0.823). So the map is left out of both dates unless both have one:
the descriptor then compares images with images, its map input empty on both sides alike.
"""
from __future__ import annotations

from typing import Sequence

from ..errors import CrossTimeError
from ..messages import Message

# describer configurations that never look at the map: the thumbnail baseline, visual-only models
IMAGE_ONLY_MODALITIES = ("visual",)


def describer_uses_maps(config: dict) -> bool:
    """Whether descriptors made with ``config`` (a describer's or model's configuration) depend on the map."""
    config = config or {}
    if config.get("baseline") == "thumbnail":
        return False
    return str(config.get("modality", "fusion")) not in IMAGE_ONLY_MODALITIES


def needs_maps(config: dict) -> bool:
    """A describer that sees nothing but the map (semantic modality): without maps on both dates it has nothing."""
    return str((config or {}).get("modality", "")) == "semantic"


def has_vector_data(layers: Sequence) -> bool:
    """At least one of ``layers`` holds map data: a vector layer with a feature, a land-cover raster with a class
    mapped to a category."""
    return any(layer.has_map() if hasattr(layer, "has_map") else getattr(layer, "features", None)
               for layer in layers or ())


def maps_on_both_dates(old: bool, new: bool, config: dict) -> bool:
    """Whether the map takes part: both dates have one. A semantic-only describer without them is refused."""
    both = bool(old and new)
    if not both and needs_maps(config):
        raise CrossTimeError("this model sees only the map (semantic modality), and only one date has vector layers "
                             "(or none): give vector layers for both dates, or use a model that sees the images")
    return both


def one_date_note(old: bool, new: bool) -> Message:
    """What to tell the user when the map is left out because one date alone (``old`` or ``new``) has one."""
    if old:
        return Message("only the old date has vector layers: the map is left out of both dates, and the tiles are "
                       "compared by their images alone (a map against an empty map would mislead the descriptor)")
    return Message("only the new date has vector layers: the map is left out of both dates, and the tiles are "
                   "compared by their images alone (a map against an empty map would mislead the descriptor)")


class TilesWithoutMaps:
    """A tile source whose tiles show no map (codes 0): what a describer sees when the map is left out."""

    def __init__(self, tiles):
        self._tiles = tiles

    def __len__(self) -> int:
        return len(self._tiles)

    def __getattr__(self, name):
        return getattr(self._tiles, name)

    def read(self, indices, date: str):
        import numpy as np

        from ..tiles.source import TileBatch
        batch = self._tiles.read(indices, date)
        return TileBatch(batch.images, np.zeros_like(batch.codes), batch.valid)


class DescriberWithoutMaps:
    """A describer given every tile without its map, on both dates alike; otherwise the describer it wraps (same
    fingerprint: the network is the same, only its map input is empty)."""

    def __init__(self, describer):
        self._describer = describer

    def __getattr__(self, name):
        return getattr(self._describer, name)

    def describe(self, tiles, gidx, date: str, *args, **kwargs):
        return self._describer.describe(TilesWithoutMaps(tiles), gidx, date, *args, **kwargs)


def decide_maps(old: bool, new: bool, config: dict, progress) -> bool:
    """Whether an index draws the old date's map: the describer uses maps and both dates have one; says why not
    when one date alone has vector data."""
    if not describer_uses_maps(config):
        return False
    both = maps_on_both_dates(old, new, config)
    if old != new:
        progress.info(one_date_note(old, new))
    return both


def matcher_notes(index_meta: dict, new: bool, config: dict) -> tuple:
    """(whether the query tiles are described without their map, what to tell the user) for an index made with
    ``index_meta`` matched against a new date that has vector data or not (``new``)."""
    if not describer_uses_maps(config):
        return False, []
    drawn = index_meta.get("maps")          # None: an index made before CrossTime recorded it
    if drawn is False:
        notes = [Message("the index was made without the map (one date had no vector layers): the new date's "
                         "vector layers are left out too, and tiles are compared by their images")] if new else []
        return True, notes
    if not new:
        return False, [Message("the index was made with the old date's map, and the new date has no vector layers: "
                               "its answers compare a map with an empty map. Build the index again (it then leaves "
                               "the map out of both dates), or add the new date's vector layers")]
    return False, []


def tell_stores_without_maps(tiles, progress) -> None:
    """Says which tile stores of ``tiles`` (a TileSet) are read without their map, and why."""
    import os
    for path in tiles.stores_without_maps():
        progress.info(Message("{store}: only one date of this tile store carries a map; the map is left out of both "
                              "dates and its tiles are compared by their images alone",
                              store=os.path.basename(path.rstrip("/\\"))))
