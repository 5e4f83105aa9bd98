# source: https://github.com/clcarwin/focal_loss_pytorch/pull/16
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA_gather)
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class ClassBalancedFocalLoss(nn.Module):
    def __init__(self, class_counts, gamma=2.0, beta=0.9999):
        super().__init__()
        self.gamma = gamma
        counts = torch.tensor(class_counts, dtype=torch.float32).clamp(min=1.0)
        effective = (1.0 - beta ** counts) / (1.0 - beta)
        alpha = 1.0 / effective
        self.register_buffer("alpha", alpha * len(class_counts) / alpha.sum())
        self.class_prior = counts / counts.sum()

    def forward(self, logits, targets):
        log_probs = F.log_softmax(logits, dim=1)
        log_pt = log_probs.gather(1, targets.unsqueeze(1)).squeeze(1)
        pt = log_pt.exp()
        at = self.alpha.gather(0, targets)
        return (-at * (1.0 - pt) ** self.gamma * log_pt).mean()

    def logit_adjust(self, logits, tau=1.0):
        prior = self.class_prior.to(logits.device)
        return logits - tau * torch.log(prior)


def main():
    data = np.load("input/audio-embeddings/train.npz")
    X, y = data["emb"].astype(np.float32), data["label"].astype(np.int64)
    counts = np.bincount(y, minlength=264).tolist()
    loader = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)),
                        batch_size=256, shuffle=True)

    head = nn.Sequential(nn.Linear(X.shape[1], 512), nn.GELU(), nn.Linear(512, 264)).to(DEVICE)
    criterion = ClassBalancedFocalLoss(counts, gamma=2.0).to(DEVICE)
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3)
    for epoch in range(20):
        correct = 0
        for xb, yb in loader:
            xb, yb = xb.to(DEVICE), yb.to(DEVICE)
            logits = head(xb)
            loss = criterion(logits, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            correct += (criterion.logit_adjust(logits.detach()).argmax(1) == yb).sum().item()
        print(f"epoch {epoch}: loss {loss.item():.4f} balanced-acc proxy {correct / len(y):.4f}")


if __name__ == "__main__":
    main()
