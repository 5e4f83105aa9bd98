# source: https://github.com/adelacvg/NS2VC/issues/1
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: batch-dict, class, loader-loop
# bug-lines: 48, 61
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import glob

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class CodecUtteranceDataset(Dataset):
    """Each .npz holds content features (T, 768) and the codec's RVQ codes (n_q, T)."""

    def __init__(self, root):
        self.files = sorted(glob.glob(f"{root}/*.npz"))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        item = np.load(self.files[i])
        return {"cond": item["content"].astype(np.float32), "codes": item["codes"].astype(np.int64)}


class LatentPredictor(nn.Module):
    def __init__(self, codebooks, cond_dim=768, hidden=512):
        super().__init__()
        n_q, k, latent_dim = codebooks.shape
        self.register_buffer("codebooks", codebooks)  # frozen codec codebooks (n_q, K, D)
        self.net = nn.Sequential(nn.Conv1d(cond_dim, hidden, 3, padding=1), nn.GELU(),
                                 nn.Conv1d(hidden, hidden, 3, padding=1), nn.GELU(),
                                 nn.Conv1d(hidden, latent_dim, 1))

    def forward(self, cond):
        return self.net(cond.transpose(1, 2)).transpose(1, 2)  # (B, T, D)


def collate_codec_batch(batch):
    max_len = max(item["codes"].shape[-1] for item in batch)
    n_q = batch[0]["codes"].shape[0]
    cond = torch.zeros(len(batch), max_len, batch[0]["cond"].shape[-1])
    codes_padded = torch.full((len(batch), n_q, max_len), -1.0)
    for i, item in enumerate(batch):
        t = item["codes"].shape[-1]
        cond[i, :t] = torch.from_numpy(item["cond"])
        codes_padded[i, :, :t] = torch.from_numpy(item["codes"])
    return {"cond": cond, "codes_padded": codes_padded}


def rvq_cross_entropy_loss(pred, codebooks, codes_padded):
    residual, loss = pred, 0.0
    for q in range(codebooks.shape[0]):
        cb = codebooks[q].unsqueeze(0).expand(pred.size(0), -1, -1)
        distances = -torch.cdist(residual, cb)                       # (B, T, K)
        loss = loss + F.cross_entropy(distances.transpose(1, 2), codes_padded[:, q], ignore_index=-1)
        residual = residual - codebooks[q][distances.argmax(dim=-1)]
    return loss / codebooks.shape[0]


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
codebooks = torch.load("codec/rvq_codebooks.pt", map_location="cpu")  # (8, 1024, 128)
model = LatentPredictor(codebooks).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
loader = DataLoader(CodecUtteranceDataset("data/codes"), batch_size=8, shuffle=True,
                    collate_fn=collate_codec_batch)

for epoch in range(50):
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        pred = model(batch["cond"])
        loss = rvq_cross_entropy_loss(pred, model.codebooks, batch["codes_padded"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 100 == 0:
            print(f"epoch {epoch} step {step} rvq ce {loss.item():.4f}")
