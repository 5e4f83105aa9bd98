# source: https://github.com/open-mmlab/mmpretrain/pull/1525
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop
# looks-like: loss-target-dtype
# needs: torch
# cpu: clean
"""PTB-XL: multi-label diagnostic superclasses (BCE) + auxiliary rhythm head (single label, CE)."""
import torch
import torch.nn as nn

N_SUPERCLASSES, N_RHYTHMS = 5, 12


class MultiTaskHead(nn.Module):
    def __init__(self, in_dim=256, pos_weight=None):
        super().__init__()
        self.diag = nn.Linear(in_dim, N_SUPERCLASSES)
        self.rhythm = nn.Linear(in_dim, N_RHYTHMS)
        self.bce = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
        self.ce = nn.CrossEntropyLoss(ignore_index=-1)

    def loss(self, feats, batch):
        diag_logits = self.diag(feats)
        rhythm_logits = self.rhythm(feats)
        diag_target = batch["diag"].float()  # multi-hot stored as uint8 in the shards
        rhythm_target = batch["rhythm"].long()  # -1 where no rhythm statement
        return self.bce(diag_logits, diag_target) + 0.3 * self.ce(rhythm_logits, rhythm_target)


class Encoder(nn.Module):
    def __init__(self, n_leads=12, width=256):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(n_leads, 64, 15, stride=2, padding=7), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Conv1d(64, width, 9, stride=2, padding=4), nn.BatchNorm1d(width), nn.ReLU(),
            nn.AdaptiveAvgPool1d(1), nn.Flatten(),
        )

    def forward(self, x):
        return self.net(x)


def train_epoch(encoder, head, loader, optimizer, device):
    encoder.train()
    head.train()
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        loss = head.loss(encoder(batch["ecg"]), batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder, head = Encoder().to(device), MultiTaskHead(pos_weight=torch.ones(N_SUPERCLASSES)).to(device)
    fake = [{"ecg": torch.randn(32, 12, 1000),
             "diag": torch.randint(0, 2, (32, N_SUPERCLASSES), dtype=torch.uint8),
             "rhythm": torch.randint(-1, N_RHYTHMS, (32,), dtype=torch.int32)} for _ in range(4)]
    opt = torch.optim.Adam(list(encoder.parameters()) + list(head.parameters()), lr=1e-3)
    print(train_epoch(encoder, head, fake, opt, device))
