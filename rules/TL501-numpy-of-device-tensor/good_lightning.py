import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from sklearn.metrics import f1_score


class Classifier(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Linear(16, 4)

    def forward(self, x):
        return self.net(x)

    def validation_step(self, batch, batch_idx):
        # copied to the host before scikit-learn makes arrays of them
        x, y = batch
        preds = self(x).argmax(dim=1)
        self.log("val_f1", f1_score(y.cpu(), preds.cpu(), average="macro"))

    def test_step(self, batch, batch_idx):
        logits = self(batch["x"])
        return F.softmax(logits, dim=-1).cpu().numpy()

    def on_validation_epoch_end(self):
        # not a step hook: nothing here is known to be on the device
        table = torch.zeros(4)
        return table.numpy()
