"""Where archive search keeps its files for one archive, and what it knows of each photo.

The dock and the demo keep everything of one archive in one results folder (never inside the archive folder,
which may be a read-only share): the modern index of the new ortho, the archive index, the locations JSON, the
footprints GeoPackage and one VRT per located photo. The command line names each file itself.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from .catalogue import ArchivePhoto, open_archive, read_grey_reduced
from .location import Location


@dataclass(frozen=True)
class ArchiveWorkspace:
    folder: str

    @property
    def modern_index(self) -> str:
        return os.path.join(self.folder, "modern.ctindex")

    @property
    def archive_index(self) -> str:
        return os.path.join(self.folder, "archive.ctarchive")

    @property
    def locations(self) -> str:
        return os.path.join(self.folder, "locations.json")

    @property
    def footprints(self) -> str:
        return os.path.join(self.folder, "footprints.gpkg")

    @property
    def vrt_folder(self) -> str:
        return os.path.join(self.folder, "vrt")

    @staticmethod
    def default_folder(archive_folder: str, project_folder: str = "") -> str:
        """``crosstime_<archive name>`` in the project's folder, else beside the archive folder."""
        name = os.path.basename(os.path.normpath(archive_folder)) or "archive"
        base = project_folder or os.path.dirname(os.path.abspath(archive_folder))
        return os.path.join(base, f"crosstime_{name}")


def vrt_path(vrt_folder: str, photo_name: str) -> str:
    """The VRT of a located photo: its name (sub-folders flattened) with the .vrt extension."""
    return os.path.join(vrt_folder, os.path.splitext(photo_name.replace("/", "_"))[0] + ".vrt")


@dataclass
class PhotoState:
    photo: ArchivePhoto
    indexed: bool
    location: Optional[Location]
    vrt: str = ""

    @property
    def name(self) -> str:
        return self.photo.name


def archive_states(archive_folder: str, workspace: ArchiveWorkspace, catalogue: Optional[str] = None
                   ) -> List[PhotoState]:
    """Every photo of the archive with whether the archive index holds it and where it was located (if it was)."""
    from .archive_index import ArchiveIndex
    from .location import read_locations
    photos = open_archive(archive_folder, catalogue)
    indexed = set()
    if os.path.exists(workspace.archive_index):
        indexed = set(ArchiveIndex.photo_names(workspace.archive_index))
    found = {}
    if os.path.exists(workspace.locations):
        found = {loc.photo: loc for loc in read_locations(workspace.locations)}
    out = []
    for p in photos:
        vrt = vrt_path(workspace.vrt_folder, p.name)
        out.append(PhotoState(p, p.name in indexed, found.get(p.name), vrt if os.path.exists(vrt) else ""))
    return out


def photo_thumbnail(photo: ArchivePhoto, side: int = 160) -> np.ndarray:
    """The scan in grey levels, its longer side ``side`` pixels (read reduced, memory bounded), uint8."""
    return read_grey_reduced(photo.path, max(photo.width, photo.height) / float(side))
