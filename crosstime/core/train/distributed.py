"""Multi-GPU / multi-node training with PyTorch DDP, as launched by ``torchrun``."""
from __future__ import annotations

import os
from typing import Tuple

import torch
import torch.distributed as dist


def init_from_env(device: str) -> Tuple[int, int]:
    """(rank, world size); joins the process group that torchrun describes in the environment."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 0, 1
    if not dist.is_initialized():
        backend = "nccl" if device.startswith("cuda") and dist.is_nccl_available() else "gloo"
        dist.init_process_group(backend=backend)
    return dist.get_rank(), dist.get_world_size()


def local_device(device: str) -> str:
    """On a multi-GPU node each rank takes the GPU of its local rank."""
    if device.startswith("cuda") and "LOCAL_RANK" in os.environ and ":" not in device:
        d = f"cuda:{int(os.environ['LOCAL_RANK'])}"
        torch.cuda.set_device(d)
        return d
    return device


def any_rank(flag: bool) -> bool:
    """True on every rank when any rank says True (used for stopping together)."""
    if not dist.is_initialized():
        return flag
    dev = "cuda" if dist.get_backend() == "nccl" else "cpu"
    t = torch.tensor([1.0 if flag else 0.0], device=dev)
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return bool(t.item() > 0)


def sync_buffers(module: torch.nn.Module) -> None:
    """Give every rank rank 0's buffers (batch-norm running statistics move with each rank's own batches)."""
    if not dist.is_initialized():
        return
    for b in module.buffers():
        dist.broadcast(b.data, 0)


def barrier() -> None:
    if dist.is_initialized():
        dist.barrier()


def shutdown() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()
