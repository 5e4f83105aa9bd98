# source: https://github.com/agemagician/ProtTrans/issues/130
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Export item vectors from a trained content encoder; fp16 only when a GPU does the work."""
import argparse

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class ItemEncoder(nn.Module):
    def __init__(self, n_tokens, dim=128, hidden=512):
        super().__init__()
        self.tokens = nn.Embedding(n_tokens, dim, padding_idx=0)
        self.proj = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, token_ids):
        mask = (token_ids != 0).unsqueeze(-1).to(self.tokens.weight.dtype)
        pooled = (self.tokens(token_ids) * mask).sum(1) / mask.sum(1).clamp(min=1)
        return self.proj(pooled)


def prepare_encoder(ckpt, n_tokens, device):
    model = ItemEncoder(n_tokens)
    model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    model = model.to(device)
    if device.type == "cuda":
        model = model.half()
    else:
        model = model.float()
    return model.eval()


@torch.no_grad()
def export_vectors(model, item_tokens, device, batch_size=4096):
    loader = DataLoader(TensorDataset(item_tokens), batch_size=batch_size)
    chunks = []
    for (tokens,) in loader:
        vecs = model(tokens.to(device))
        chunks.append(vecs.float().cpu().numpy())
    return np.concatenate(chunks)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="item_encoder.pt")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()
    device = torch.device("cpu" if args.cpu or not torch.cuda.is_available() else "cuda")
    model = prepare_encoder(args.ckpt, n_tokens=30_000, device=device)
    item_tokens = torch.randint(0, 30_000, (100_000, 24))
    np.save("item_vectors.npy", export_vectors(model, item_tokens, device))
