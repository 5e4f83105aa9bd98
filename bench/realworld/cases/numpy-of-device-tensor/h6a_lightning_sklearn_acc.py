# source: https://github.com/Lightning-AI/pytorch-lightning/issues/1429
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class
# bug-lines: 44
# needs: torch, torchvision, pytorch_lightning, scikit-learn
# cpu: no written where torch was not installed; not run
import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from sklearn.metrics import accuracy_score
from torch.utils.data import DataLoader, random_split
from torchvision import transforms
from torchvision.datasets import EMNIST


class LetterNet(pl.LightningModule):
    def __init__(self, lr=1e-3, batch_size=128):
        super().__init__()
        self.save_hyperparameters()
        self.conv1 = torch.nn.Conv2d(1, 10, kernel_size=3)
        self.conv2 = torch.nn.Conv2d(10, 20, kernel_size=3)
        self.conv3 = torch.nn.Conv2d(20, 30, kernel_size=3)
        self.dropout = torch.nn.Dropout2d(0.25)
        self.fc1 = torch.nn.Linear(30 * 3 * 3, 270)
        self.fc2 = torch.nn.Linear(270, 27)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = self.dropout(F.relu(self.conv3(x)))
        return F.log_softmax(self.fc2(F.relu(self.fc1(x.flatten(1)))), dim=1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.nll_loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        preds = logits.argmax(dim=1)
        acc = accuracy_score(y, preds)
        self.log("val_loss", F.nll_loss(logits, y), prog_bar=True)
        self.log("val_acc", float(acc), prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)

    def setup(self, stage=None):
        full = EMNIST("data", split="letters", train=True, download=True,
                      transform=transforms.ToTensor())
        n_val = len(full) // 10
        self.train_set, self.val_set = random_split(full, [len(full) - n_val, n_val])

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.hparams.batch_size, shuffle=True, num_workers=4)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.hparams.batch_size, num_workers=4)


if __name__ == "__main__":
    trainer = pl.Trainer(accelerator="auto", devices=1, max_epochs=5)
    trainer.fit(LetterNet())
