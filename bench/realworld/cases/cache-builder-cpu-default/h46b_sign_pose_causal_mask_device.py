# source: https://github.com/mlverse/torch/pull/1473
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: class, helper, batch-dict
# looks-like: cache-builder-cpu-default
# needs: torch
# cpu: no written where torch was not installed; not run
"""Causal pose-sequence encoder for streaming sign-language gloss prediction."""
import functools

import torch
import torch.nn as nn


@functools.lru_cache(maxsize=16)
def causal_mask(size, device=None):
    """Additive upper-triangular mask; cached per (length, device)."""
    return torch.triu(torch.full((size, size), float("-inf"), device=device), diagonal=1)


class StreamingPoseEncoder(nn.Module):
    def __init__(self, n_joints=75, d_model=256, nhead=4, layers=4, n_glosses=1200):
        super().__init__()
        self.proj = nn.Linear(n_joints * 3, d_model)
        layer = nn.TransformerEncoderLayer(d_model, nhead, 4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.head = nn.Linear(d_model, n_glosses + 1)  # +1 for the CTC blank

    def forward(self, poses):
        b, t, j, c = poses.shape
        x = self.proj(poses.reshape(b, t, j * c))
        mask = causal_mask(t, device=x.device)
        x = self.encoder(x, mask=mask, is_causal=True)
        return self.head(x).log_softmax(-1)


def ctc_step(model, batch, optimizer, ctc, device):
    poses = batch["poses"].to(device)
    glosses = batch["glosses"].to(device)
    pose_lens = batch["pose_lens"].to(device)
    gloss_lens = batch["gloss_lens"].to(device)
    log_probs = model(poses).transpose(0, 1)  # (T, B, C) for CTC
    loss = ctc(log_probs, glosses, pose_lens, gloss_lens)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = StreamingPoseEncoder().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    batch = {
        "poses": torch.randn(2, 64, 75, 3),
        "glosses": torch.randint(1, 1201, (2, 6)),
        "pose_lens": torch.tensor([64, 60]),
        "gloss_lens": torch.tensor([6, 5]),
    }
    for step in range(3):
        print(step, ctc_step(model, batch, opt, ctc, device))
