# source: https://github.com/raywzy/ICT/issues/24
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, helper, loader-loop
# bug-lines: 24, 57
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class TrainerConfig:
    n_bins = 16
    n_embd = 64
    epochs = 2
    lr = 3e-4
    batch_size = 8


def quantize_gray(img, n_bins):
    """Grayscale pixels in [0, 1] -> palette index per pixel (replaces the RGB k-means lookup)."""
    return torch.round(img.flatten(1) * (n_bins - 1))


class PixelTransformer(nn.Module):
    def __init__(self, n_bins, n_embd, seq_len):
        super().__init__()
        self.tok = nn.Embedding(n_bins + 1, n_embd)  # last id is the [MASK] token
        self.pos = nn.Parameter(torch.zeros(1, seq_len, n_embd))
        layer = nn.TransformerEncoderLayer(n_embd, 4, 4 * n_embd, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, 2)
        self.head = nn.Linear(n_embd, n_bins)

    def forward(self, idx):
        return self.head(self.blocks(self.tok(idx) + self.pos))


class Trainer:
    def __init__(self, model, dataset, config, device):
        self.model, self.config, self.device = model.to(device), config, device
        self.loader = DataLoader(dataset, batch_size=config.batch_size, shuffle=True)
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr)

    def mask_tokens(self, targets):
        mask = torch.rand(targets.shape, device=targets.device) < 0.5
        inputs = targets.long().masked_fill(mask, self.config.n_bins)
        return inputs, mask

    def train_epoch(self):
        self.model.train()
        for (img,) in self.loader:
            targets = quantize_gray(img.to(self.device), self.config.n_bins)
            inputs, mask = self.mask_tokens(targets)
            logits = self.model(inputs)
            loss = F.cross_entropy(logits[mask], targets[mask])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()


if __name__ == "__main__":
    cfg = TrainerConfig()
    data = TensorDataset(torch.rand(64, 1, 8, 8))
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    trainer = Trainer(PixelTransformer(cfg.n_bins, cfg.n_embd, 64), data, cfg, dev)
    for epoch in range(cfg.epochs):
        print(epoch, trainer.train_epoch())
