"""Contrastive losses: NT-Xent (SimCLR, the paper's section 5 comparison) and a symmetric InfoNCE."""
from __future__ import annotations

import torch
import torch.nn.functional as F


def nt_xent(z1: torch.Tensor, z2: torch.Tensor, temperature: float = 0.5, normalize: bool = True) -> torch.Tensor:
    """NT-Xent over 2N views: each view's positive is its pair, the other 2N-2 views are negatives."""
    z = torch.cat([z1, z2], 0).float()
    if normalize:
        z = F.normalize(z, dim=1)
    sim = z @ z.t() / temperature
    n = z1.shape[0]
    sim.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return F.cross_entropy(sim, target)


def info_nce(q: torch.Tensor, k: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    """Symmetric InfoNCE between queries (new date) and keys (old date) of the same places."""
    q, k = F.normalize(q.float(), dim=1), F.normalize(k.float(), dim=1)
    logits = q @ k.t() / temperature
    target = torch.arange(q.shape[0], device=q.device)
    return 0.5 * (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target))
