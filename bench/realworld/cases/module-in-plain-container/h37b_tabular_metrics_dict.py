# source: https://github.com/Lightning-AI/pytorch-lightning/issues/17624
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 33, 49
# needs: torch, lightning, torchmetrics
# cpu: no written where torch was not installed; not run
import lightning as L
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torchmetrics.classification import BinaryAccuracy, BinaryAUROC


class FeatureTokenizer(nn.Module):
    def __init__(self, n_features, d_token):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_features, d_token) * 0.02)
        self.bias = nn.Parameter(torch.zeros(n_features, d_token))

    def forward(self, x):
        return x.unsqueeze(-1) * self.weight + self.bias


class ChurnTransformer(L.LightningModule):
    def __init__(self, n_features, d_token=32, n_heads=4, n_layers=2, lr=1e-3):
        super().__init__()
        self.save_hyperparameters()
        self.tokenizer = FeatureTokenizer(n_features, d_token)
        layer = nn.TransformerEncoderLayer(d_token, n_heads, 4 * d_token, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.head = nn.Linear(d_token, 1)
        self.metrics = {"train_acc": BinaryAccuracy(), "val_acc": BinaryAccuracy(), "val_auroc": BinaryAUROC()}
        self.loss_fn = nn.BCEWithLogitsLoss()

    def forward(self, x):
        tokens = self.encoder(self.tokenizer(x))
        return self.head(tokens.mean(dim=1)).squeeze(-1)

    def _shared_step(self, batch):
        x, y = batch
        logits = self(x)
        loss = self.loss_fn(logits, y.float())
        return loss, torch.sigmoid(logits), y

    def training_step(self, batch, batch_idx):
        loss, probs, y = self._shared_step(batch)
        self.log("train_loss", loss)
        self.metrics["train_acc"].update(probs, y)
        return loss

    def on_train_epoch_end(self):
        self.log("train_acc", self.metrics["train_acc"].compute())
        self.metrics["train_acc"].reset()

    def validation_step(self, batch, batch_idx):
        loss, probs, y = self._shared_step(batch)
        self.log("val_loss", loss, prog_bar=True)
        for name in ("val_acc", "val_auroc"):
            self.metrics[name].update(probs, y)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)


if __name__ == "__main__":
    X, y = torch.randn(4096, 19), torch.randint(0, 2, (4096,))
    train = DataLoader(TensorDataset(X[:3500], y[:3500]), batch_size=256, shuffle=True)
    val = DataLoader(TensorDataset(X[3500:], y[3500:]), batch_size=512)
    L.Trainer(accelerator="gpu", devices=1, max_epochs=20).fit(ChurnTransformer(19), train, val)
