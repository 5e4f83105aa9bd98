# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2400
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: tensor-created-without-device
# shape: class
# bug-lines: 46, 47
# needs: torch, pytorch_lightning
# cpu: no written where torch was not installed; not run
import pytorch_lightning as pl
import torch
import torch.nn as nn
import torch.nn.functional as F


class NPairsLoss(nn.Module):
    """N-pairs loss: row i of x1 should be most similar to row i of x2."""

    def __init__(self, scale=100.0):
        super().__init__()
        self.ce = nn.CrossEntropyLoss()
        self.scale = scale

    def similarities(self, x1, x2):
        return self.scale * F.normalize(x1, dim=-1) @ F.normalize(x2, dim=-1).t()

    def forward(self, predict, target):
        return self.ce(predict, target)


class DualEncoder(pl.LightningModule):
    def __init__(self, vocab_size=30000, dim=256, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.emb_q = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.emb_d = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.proj = nn.Linear(dim, dim)
        self.loss_fn = NPairsLoss()

    def forward(self, x1, x2):
        q = self.proj(self.emb_q(x1))
        d = self.proj(self.emb_d(x2))
        return self.loss_fn.similarities(q, d)

    def training_step(self, batch, batch_idx):
        x1, x2 = batch["x1"], batch["x2"]
        predict = self(x1, x2)
        target = torch.arange(x1.size()[0])
        loss = self.loss_fn(predict, target)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)


if __name__ == "__main__":
    from torch.utils.data import DataLoader

    pairs = [{"x1": torch.randint(0, 30000, (16,)), "x2": torch.randint(0, 30000, (64,))}
             for _ in range(2048)]
    loader = DataLoader(pairs, batch_size=32, shuffle=True)
    pl.Trainer(accelerator="auto", max_epochs=3).fit(DualEncoder(), loader)
