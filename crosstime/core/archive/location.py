"""Where a photo lies (:class:`Location`, the answer of :mod:`.locate`), the photo-to-ground similarity, and
reading the locations JSON that locating writes.

Photo pixel (col, row) maps to ground (x, y) = t + s R(theta) (col, -row): rows grow downwards, y northwards.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import CrossTimeError
from ..messages import Detail


@dataclass
class Hypothesis:
    centre: Tuple[float, float]
    rotation: float              # degrees, counter-clockwise
    scale: float                 # m/px
    score: float


# an answer whose score stands less than this far above the best elsewhere is flagged as maybe wrong (on the
# real-pairs check, the mean confidence was 0.15 when right and 0.03 when wrong)
WEAK_CONFIDENCE = 0.1


@dataclass
class Location:
    photo: str
    width: int
    height: int
    transform: Tuple[float, float, float, float]     # a, b, tx, ty: x = a col + b row' ... see :func:`to_ground`
    centre: Tuple[float, float]
    footprint: List[Tuple[float, float]]              # photo corners on the ground, (0,0), (W,0), (W,H), (0,H)
    scale: float
    rotation: float
    confidence: float                                # 1 - runner-up score / winner score
    votes: float
    agreeing_windows: int
    runner_up: Optional[Hypothesis]
    candidates: List[Hypothesis] = field(default_factory=list)   # every ranked pose, the winner first
    scale_known: bool = True
    seconds: float = 0.0
    timings: Dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> Location:
        d = dict(d)
        d["runner_up"] = Hypothesis(**d["runner_up"]) if d.get("runner_up") else None
        d["candidates"] = [Hypothesis(**h) for h in d.get("candidates", [])]
        d["transform"] = tuple(d["transform"])
        d["centre"] = tuple(d["centre"])
        d["footprint"] = [tuple(p) for p in d["footprint"]]
        return cls(**d)

    def to_ground(self, cols: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return to_ground(self.transform, cols, rows)


def to_ground(transform: Sequence[float], cols, rows) -> np.ndarray:
    """Photo pixels (col, row) -> ground (x, y) under the similarity (a, b, tx, ty)."""
    a, b, tx, ty = transform
    u, v = np.asarray(cols, np.float64), -np.asarray(rows, np.float64)
    return np.stack([a * u - b * v + tx, b * u + a * v + ty], -1)


def read_locations(path: str) -> List[Location]:
    """The Locations of a JSON written by locating photos (``jobs.locate_archive_photos``)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        return [Location.from_dict(d) for d in doc["locations"]]
    except FileNotFoundError:
        raise CrossTimeError("locations file not found: {path}; write it with locate (--json)", path=path) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise CrossTimeError("{path}: not a locations file written by locate ({exc}); locate the photos again",
                             path=path, exc=Detail(str(exc))) from exc
