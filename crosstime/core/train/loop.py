"""The training loop every recipe shares: epochs, validation, best model, checkpoints, resume, DDP.

A recipe (siamese, contrastive) supplies the trainable modules around the descriptor, one training
step, and what to do before each epoch (hard mining). The loop keeps the best model by validation
map@5 in the model file, writes a checkpoint after every epoch (a killed run resumes where it stopped)
and checks for cancellation between batches.
"""
from __future__ import annotations

import abc
import csv
import math
import os
import time
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import torch
from torch import nn

from .. import metrics
from ..geo.legend import Legend
from ..messages import Message
from ..nn.descriptor import DescriptorNet
from ..nn.model_config import ModelConfig
from ..nn.tensors import resolve_device, to_tensor
from ..progress import SILENT, Progress
from ..retrieval.describer import describe_tiles
from ..retrieval.model_file import fingerprint, save_model, update_model_meta
from ..similarity import cosine_similarity, rank_of_truth
from ..tiles.dates import NEW, OLD
from ..tiles.network_input import read_network_input
from ..tiles.selection import TileSet
from . import distributed
from .checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from .map_thumbnail import fit_map_thumbnail
from .recipes import TrainConfig

# why a training run ended (TrainResult.stopped), in words for the user
STOPPED = {"finished": Message("finished"), "early stop": Message("early stop"), "time budget": Message("time budget")}


@dataclass
class TrainResult:
    model_path: str
    best_epoch: int
    best_val: Optional[dict]
    history: List[dict] = field(default_factory=list)
    wall_s: float = 0.0
    stopped: str = "finished"
    fingerprint: str = ""


class Trainer(abc.ABC):
    recipe = "base"

    def __init__(self, model_cfg: ModelConfig, cfg: TrainConfig, train: TileSet, val: Optional[TileSet],
                 out_model: str, legend: Legend, checkpoint_dir: Optional[str] = None,
                 progress: Progress = SILENT, meta: Optional[dict] = None, log_csv: Optional[str] = None):
        self.mcfg, self.cfg = model_cfg, cfg
        self.train, self.val = train, val
        self.out_model = out_model
        self.legend = legend
        self.ckpt_dir = checkpoint_dir
        self.progress = progress
        self.meta = dict(meta or {})
        self.log_csv = log_csv
        self.device = distributed.local_device(resolve_device(cfg.device))
        self.rank, self.world = distributed.init_from_env(self.device)
        torch.manual_seed(cfg.seed)
        self.net = DescriptorNet(model_cfg).to(self.device)
        self.extra = self.make_extra().to(self.device)
        if self.net.mix is not None and not cfg.learn_mix:
            # learnt, the angle drifts toward the learnt part, which looks better on the training tiles than on new
            # ones; held before DDP wraps the network, which must know every parameter that gets a gradient
            self.net.mix.requires_grad_(False)
        if cfg.channels_last:
            self.net.to(memory_format=torch.channels_last)
        self.wrapped = self.make_trainable()
        if self.world > 1:
            from torch.nn.parallel import DistributedDataParallel as DDP
            self.wrapped = DDP(self.wrapped, device_ids=[self.device] if self.device.startswith("cuda") else None)
        pretrained = model_cfg.weights not in ("none", "", None)
        groups = self.net.param_groups(cfg.lr, cfg.backbone_lr(pretrained))
        extra = [p for p in self.extra.parameters()]
        if extra:
            groups.append({"params": extra, "lr": cfg.lr, "name": "training head"})
        self.opt = torch.optim.Adam(groups, weight_decay=cfg.weight_decay)
        self.history: List[dict] = []
        self.best = {"map": -1.0, "epoch": -1, "val": None}
        self.start_epoch = 0
        self._epoch_progress = progress
        self.rng = np.random.default_rng([cfg.seed, self.rank])
        self.gen = torch.Generator().manual_seed(cfg.seed * 1000 + self.rank)

    # hooks for recipes --------------------------------------------------------------------------
    def make_extra(self) -> nn.Module:
        return nn.Module()

    @abc.abstractmethod
    def make_trainable(self) -> nn.Module:
        """The module whose forward computes the loss inputs (wrapped in DDP when distributed)."""

    def before_epoch(self, epoch: int) -> None:
        pass

    @abc.abstractmethod
    def batches_in_epoch(self) -> int:
        """How many training steps make one epoch."""

    @abc.abstractmethod
    def train_step(self, epoch: int, batch: int) -> float:
        """One optimisation step; returns the loss."""

    def recipe_state(self) -> dict:
        return {}

    def load_recipe_state(self, state: dict) -> None:
        pass

    # shared helpers ----------------------------------------------------------------------------
    def inputs(self, gidx, date: str) -> torch.Tensor:
        x = read_network_input(self.train, gidx, date, self.legend, self.mcfg.modality, self.mcfg.semantic_mode,
                               as_uint8=False)
        return torch.from_numpy(x)

    def to_device(self, t: torch.Tensor) -> torch.Tensor:
        if t.shape[-1] != self.mcfg.tile_pixels:
            return to_tensor(t.numpy(), self.mcfg.tile_pixels, self.device, self.cfg.channels_last)
        t = t.to(self.device, non_blocking=True)
        return t.contiguous(memory_format=torch.channels_last) if self.cfg.channels_last else t

    def autocast(self):
        return torch.autocast(device_type="cuda" if self.device.startswith("cuda") else "cpu", dtype=torch.bfloat16,
                              enabled=self.cfg.bf16)

    def backward_step(self, loss: torch.Tensor) -> float:
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        return float(loss.detach())

    def describe(self, tiles: TileSet, date: str, progress: Progress = SILENT) -> np.ndarray:
        return describe_tiles(self.net, tiles, np.arange(len(tiles)), date, self.legend, self.cfg.describe_batch,
                              self.device, self.cfg.channels_last, self.cfg.bf16, progress)

    def rank_tiles(self, tiles: TileSet, progress: Progress = SILENT) -> np.ndarray:
        """Rank of each tile's old-date twin when its new date is the query (exact cosine kNN)."""
        q = self.describe(tiles, NEW, progress.sub(0, 0.5))
        d = self.describe(tiles, OLD, progress.sub(0.5, 1))
        return rank_of_truth(cosine_similarity(q, d), np.arange(len(tiles)))

    # checkpoints --------------------------------------------------------------------------------
    def _state(self, epoch: int) -> dict:
        return {"epoch": epoch, "net": self.net.state_dict(), "extra": self.extra.state_dict(),
                "opt": self.opt.state_dict(), "history": self.history, "best": {k: v for k, v in self.best.items()},
                "rng_numpy": self.rng.bit_generator.state, "rng_torch": torch.get_rng_state(),
                "gen_torch": self.gen.get_state(), "recipe": self.recipe_state(),
                "model_cfg": self.mcfg.to_dict(), "train_cfg": self.cfg.to_dict()}

    def _resume(self) -> None:
        if self.world > 1:
            # every rank reads the same file; rank-specific generators are re-derived from it
            distributed.barrier()
        st = load_checkpoint(self.ckpt_dir)
        if st is None:
            return
        if ModelConfig.from_dict(st.get("model_cfg") or {}).to_dict() != self.mcfg.to_dict():
            raise CheckpointError("the checkpoint in {ckpt_dir} was made with other model settings; "
                                  "use another checkpoint folder or delete it", ckpt_dir=self.ckpt_dir)
        self.net.load_state_dict(st["net"])
        self.extra.load_state_dict(st["extra"])
        self.opt.load_state_dict(st["opt"])
        self.history = list(st["history"])
        self.best = dict(st["best"])
        self.rng.bit_generator.state = st["rng_numpy"]
        torch.set_rng_state(st["rng_torch"])
        self.gen.set_state(st["gen_torch"])
        self.load_recipe_state(st.get("recipe", {}))
        self.start_epoch = int(st["epoch"]) + 1
        self.progress.info(Message("resuming from the checkpoint of epoch {start_epoch} in {ckpt_dir}",
                                   start_epoch=self.start_epoch, ckpt_dir=self.ckpt_dir))

    def _save_model(self, epoch: int, val: Optional[dict]) -> str:
        meta = {**self.meta, "recipe": self.recipe, "train_config": self.cfg.to_dict(), "epoch": epoch + 1,
                "best_val_map5": None if val is None else val.get(f"map@{self.cfg.map_n}"),
                "validation": val, "history": self.history,
                "training_data": {"tiles": len(self.train), "tile_pixels": self.train.pixels,
                                  "validation_tiles": len(self.val) if self.val is not None else 0,
                                  "stores": [s.path for s in self.train.stores]}}
        return save_model(self.out_model, self.net, meta)

    def _write_log(self) -> None:
        if not self.log_csv or self.rank != 0 or not self.history:
            return
        keys = list(self.history[0].keys())
        for h in self.history:
            keys += [k for k in h if k not in keys]
        os.makedirs(os.path.dirname(os.path.abspath(self.log_csv)) or ".", exist_ok=True)
        with open(self.log_csv, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=keys)
            w.writeheader()
            w.writerows(self.history)

    # the loop ----------------------------------------------------------------------------------
    def run(self) -> TrainResult:
        t0 = time.time()
        cfg = self.cfg
        self._resume()
        stopped = "finished"
        main = self.rank == 0
        epochs = cfg.epochs
        if not self.history and fit_map_thumbnail(self.net, self.train, self.legend, seed=cfg.seed,
                                                  progress=self.progress.sub(0, 0.005)):
            self.progress.info("the map's thumbnail is scaled by the training tiles' mean and spread")
        if self.val is not None and not self.history:
            # the same network before any step: the score training has to beat
            start = metrics.summary(self.rank_tiles(self.val, self.progress.sub(0, 0.01)), cfg.map_n)
            self.history.append({"epoch": 0, "loss": float("nan"), "train_s": 0.0,
                                 **{f"val_{k}": v for k, v in start.items() if k != "queries"}})
            self.progress.info(Message("before training: validation map@{map_n} {score:.3f}",
                                       map_n=cfg.map_n, score=start[f"map@{cfg.map_n}"]))
        for epoch in range(self.start_epoch, epochs):
            ep_t = time.time()
            prog = self._epoch_span(epoch, t0)
            self.wrapped.train()
            self._epoch_progress = prog.sub(0, 0.15)
            self.before_epoch(epoch)
            n = self.batches_in_epoch()
            losses = []
            said = time.time()
            for b in range(n):
                self.progress.check()
                losses.append(self.train_step(epoch, b))
                prog.update(0.15 + 0.75 * (b + 1) / n, Message("epoch {epoch}/{epochs}, loss {loss:.4f}",
                                                               epoch=epoch + 1, epochs=epochs, loss=np.mean(losses)))
                if main and (time.time() - said > 30 or (epoch == self.start_epoch and b == 0)):
                    # a line well within the first epoch, then every half minute: a slow run shows itself early
                    rate = (b + 1) * cfg.batch_pairs / max(1e-9, time.time() - ep_t)
                    self.progress.info(Message("epoch {epoch}/{epochs}: batch {batch}/{n}, {rate:.1f} pairs/s, "
                                               "loss {loss:.4f}", epoch=epoch + 1, epochs=epochs, batch=b + 1, n=n,
                                               rate=rate, loss=np.mean(losses)))
                    said = time.time()
            distributed.sync_buffers(self.wrapped)
            row = {"epoch": epoch + 1, "loss": float(np.mean(losses)) if losses else float("nan"),
                   "train_s": round(time.time() - ep_t, 2)}
            row.update(self.epoch_stats())
            val = None
            if self.val is not None and ((epoch + 1) % cfg.val_every == 0 or epoch == epochs - 1):
                ranks = self.rank_tiles(self.val, prog.sub(0.9, 1.0))
                val = metrics.summary(ranks, cfg.map_n)
                row.update({f"val_{k}": v for k, v in val.items() if k != "queries"})
            self.history.append(row)
            improved = val is not None and val[f"map@{cfg.map_n}"] > self.best["map"]
            if improved:
                self.best = {"map": val[f"map@{cfg.map_n}"], "epoch": epoch, "val": val}
            if main and (improved or self.val is None):
                self._save_model(epoch, val if improved else None)
            if main and self.ckpt_dir:
                save_checkpoint(self.ckpt_dir, self._state(epoch))
            self._write_log()
            if val is None:
                self.progress.info(Message("epoch {epoch}/{epochs}: loss {loss:.4f}", epoch=epoch + 1, epochs=epochs,
                                           loss=row["loss"]))
            else:
                self.progress.info(Message("epoch {epoch}/{epochs}: loss {loss:.4f}, validation map@{map_n} {score:.3f} "
                                           "(best {best:.3f})", epoch=epoch + 1, epochs=epochs, loss=row["loss"],
                                           map_n=cfg.map_n, score=val[f"map@{cfg.map_n}"], best=self.best["map"]))
            stop = False
            if cfg.early_stop and self.best["epoch"] >= 0 and epoch - self.best["epoch"] >= cfg.early_stop:
                stopped, stop = "early stop", True
            if cfg.max_minutes and (time.time() - t0) / 60 > cfg.max_minutes:
                stopped, stop = "time budget", True
            if distributed.any_rank(stop):
                break
        if main and not os.path.exists(self.out_model):
            self._save_model(max(0, len(self.history) - 1), None)
        if main:
            # the model file holds the best epoch's weights, and the history of every epoch
            update_model_meta(self.out_model, history=self.history, stopped=stopped)
            self._warn_if_not_better(stopped)
        sd = {k: v.detach().cpu() for k, v in self.net.state_dict().items()}
        fp = fingerprint(self.mcfg.to_dict(), sd)
        self.progress.info(Message("rank {rank}: weights fingerprint {fp}", rank=self.rank, fp=fp))
        distributed.barrier()
        return TrainResult(self.out_model, self.best["epoch"] + 1, self.best["val"], self.history,
                           time.time() - t0, stopped, fp)

    def epoch_stats(self) -> dict:
        return {}

    def _warn_if_not_better(self, stopped: str) -> None:
        key = f"val_map@{self.cfg.map_n}"
        start = next((h.get(key) for h in self.history if h.get("epoch") == 0), None)
        if start is None or self.best["val"] is None:
            return
        best = self.best["map"]
        if best <= start:
            self.progress.info(
                Message("warning: the trained model (validation map@{map_n} {best:.3f}) does not beat the same network "
                        "untrained ({start:.3f}) after {epochs} epoch(s) "
                        "({stopped}): train longer (more epochs or a larger time budget), or check the training data",
                        map_n=self.cfg.map_n, best=best, start=start,
                        epochs=len([h for h in self.history if h["epoch"] > 0]), stopped=STOPPED.get(stopped, stopped)))

    def _epoch_span(self, epoch: int, t0: float) -> Progress:
        """This epoch's share of the whole run; with a time budget, the elapsed share of it when larger."""
        todo = max(1, self.cfg.epochs - self.start_epoch)
        lo, hi = (epoch - self.start_epoch) / todo, (epoch - self.start_epoch + 1) / todo
        if self.cfg.max_minutes:
            budget = self.cfg.max_minutes * 60
            spent = (time.time() - t0) / budget
            epoch_s = (time.time() - t0) / max(1, epoch - self.start_epoch) if epoch > self.start_epoch else budget / 10
            lo = max(lo, min(spent, 0.99))
            hi = max(hi, min(spent + epoch_s / budget, 1.0))
        return self.progress.sub(lo, hi)


def batches_for(n_items: int, per_batch: int, override: Optional[int]) -> int:
    if override:
        return int(override)
    return max(1, math.ceil(n_items / max(1, per_batch)))
