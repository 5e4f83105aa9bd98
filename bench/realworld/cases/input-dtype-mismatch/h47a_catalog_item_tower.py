# source: https://github.com/kijai/ComfyUI-KJNodes/issues/503
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::Half != c10::BFloat16
# pattern: input-dtype-mismatch
# shape: helper, class
# bug-lines: 46, 47
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Nightly refresh of the item-tower vectors for the storefront recommender.
Product-title embeddings are precomputed by the search team (float32 .npy);
here they are pushed through the text projection of the item tower, which is
kept on the CPU between jobs to leave the GPU to the ranking service."""
import sys

import numpy as np
import torch
import torch.nn as nn

COMPUTE_DTYPE = torch.float16
OFFLOAD_DEVICE = torch.device("cpu")


class ItemTower(nn.Module):
    def __init__(self, text_dim=768, n_categories=4096, dim=128):
        super().__init__()
        self.text_proj = nn.Sequential(nn.Linear(text_dim, 512), nn.GELU(), nn.Linear(512, dim))
        self.category_emb = nn.Embedding(n_categories, dim)

    def forward(self, text_emb, category_ids):
        return self.text_proj(text_emb) + self.category_emb(category_ids)


def load_tower(ckpt_path):
    tower = ItemTower()
    tower.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    # the tower was fine-tuned with bf16 weights; keep it that way for serving parity
    tower.to(dtype=torch.bfloat16)
    return tower.eval()


def project_catalog(tower, title_emb, device, batch_size=8192):
    tower.text_proj.to(device)
    chunks = []
    with torch.no_grad():
        for start in range(0, len(title_emb), batch_size):
            block = torch.from_numpy(title_emb[start:start + batch_size])
            block = block.to(device, COMPUTE_DTYPE)
            chunks.append(tower.text_proj(block).float().cpu())
    tower.text_proj.to(OFFLOAD_DEVICE)
    return torch.cat(chunks)


if __name__ == "__main__":
    gpu = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    item_tower = load_tower(sys.argv[1])
    titles = np.load(sys.argv[2]).astype(np.float32)
    vectors = project_catalog(item_tower, titles, gpu)
    torch.save(vectors, "item_text_vectors.pt")
    print("projected", tuple(vectors.shape))
