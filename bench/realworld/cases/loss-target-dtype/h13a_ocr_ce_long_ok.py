# source: https://github.com/Topdu/OpenOCR/issues/68
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
"""Attention-decoder text recognizer trained with token-level cross entropy."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

PAD_ID = 0


class SyntheticWordDataset(Dataset):
    def __init__(self, n=512, max_len=12, vocab=40):
        g = torch.Generator().manual_seed(0)
        self.images = torch.rand(n, 1, 32, 128, generator=g)
        self.lengths = torch.randint(3, max_len + 1, (n,), generator=g)
        self.tokens = torch.randint(1, vocab, (n, max_len), generator=g)
        self.max_len = max_len

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        n = int(self.lengths[idx])
        return {"image": self.images[idx], "label": self.tokens[idx, :n].tolist()}


def collate(samples):
    max_len = max(len(s["label"]) for s in samples)
    label = torch.full((len(samples), max_len), PAD_ID, dtype=torch.int32)
    for i, s in enumerate(samples):
        label[i, : len(s["label"])] = torch.tensor(s["label"], dtype=torch.int32)
    return {"image": torch.stack([s["image"] for s in samples]), "label": label}


class Recognizer(nn.Module):
    def __init__(self, vocab=40, d=128, max_len=12):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(1, d, 3, stride=(4, 2), padding=1), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d((1, max_len)))
        self.head = nn.Linear(d, vocab)

    def forward(self, image, steps):
        feat = self.backbone(image).squeeze(2).transpose(1, 2)  # (B, max_len, d)
        return self.head(feat[:, :steps])


def token_loss(logits, label):
    return F.cross_entropy(logits.flatten(0, 1), label.flatten(0, 1).long(),
                           ignore_index=PAD_ID, reduction="mean")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Recognizer().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(SyntheticWordDataset(), batch_size=32, shuffle=True, collate_fn=collate)
    for step, batch in enumerate(loader):
        image, label = batch["image"].to(device), batch["label"].to(device)
        loss = token_loss(model(image, label.shape[1]), label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"step {step}: loss {loss.item():.4f}")
