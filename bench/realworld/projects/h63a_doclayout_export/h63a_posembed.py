# source: https://github.com/docling-project/docling/issues/304
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, helper
# bug-lines: 16, 17, 20
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fixed 2-D sin-cos position embeddings (RT-DETR style hybrid encoder)."""
import torch


def build_2d_sincos_position_embedding(w, h, embed_dim=256, temperature=10000.0):
    """Return a (1, w*h, embed_dim) tensor of sin-cos features for an h x w grid."""
    if embed_dim % 4 != 0:
        raise ValueError("embed_dim must be divisible by 4 for 2-D sin-cos embedding")
    grid_w = torch.arange(int(w), dtype=torch.float32)
    grid_h = torch.arange(int(h), dtype=torch.float32)
    grid_w, grid_h = torch.meshgrid(grid_w, grid_h, indexing="ij")
    pos_dim = embed_dim // 4
    omega = torch.arange(pos_dim, dtype=torch.float32) / pos_dim
    omega = 1.0 / (temperature ** omega)

    out_w = grid_w.flatten()[..., None] @ omega[None]
    out_h = grid_h.flatten()[..., None] @ omega[None]
    emb = torch.cat([out_w.sin(), out_w.cos(), out_h.sin(), out_h.cos()], dim=1)
    return emb[None, :, :]
