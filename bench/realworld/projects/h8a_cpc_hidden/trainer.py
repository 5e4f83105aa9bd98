# source: https://github.com/talipucar/CPC/issues/1
# error: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at cuda:0 and hidden tensor at cpu
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, loader-loop
# bug-lines: 44, 66
# needs: torch, tqdm
# cpu: no written where torch was not installed; not run
import statistics

import torch as th
import torch.nn.functional as F
from tqdm import tqdm

from networks import CPC


def info_nce(targets, preds):
    """InfoNCE over the batch for every predicted step; returns (loss, accuracy)."""
    loss, acc = 0.0, 0.0
    for z_k, p_k in zip(targets, preds):
        logits = p_k @ z_k.t()
        labels = th.arange(logits.size(0), device=logits.device)
        loss = loss + F.cross_entropy(logits, labels)
        acc += (logits.argmax(dim=1) == labels).float().mean().item()
    return loss / len(targets), acc / len(targets)


class Model:
    """Wrapper that owns the CPC network, its optimizer and the training loop."""

    def __init__(self, options):
        self.options = options
        self.device = options["device"]
        self.cpc = CPC(options).to(self.device)
        self.optimizer = th.optim.Adam(self.cpc.parameters(), lr=options["learning_rate"])
        self.train_losses, self.val_losses = [], []

    def process_batch(self, xbatch):
        """Add the channel dim and move the batch to the model's device."""
        return xbatch.float().unsqueeze(1).to(self.device)

    def init_hidden(self, batch_size):
        layers = 2
        return th.zeros(layers, batch_size, self.cpc.latent)

    def fit(self, train_loader, val_loader):
        xval = self.process_batch(next(iter(val_loader)))
        for epoch in range(self.options["epochs"]):
            self.cpc.train()
            epoch_losses = []
            for xbatch in tqdm(train_loader, desc=f"epoch {epoch}"):
                xbatch = self.process_batch(xbatch)
                hidden = self.init_hidden(xbatch.size(0))
                targets, preds, hidden = self.cpc(xbatch, hidden)
                loss, _ = info_nce(targets, preds)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                epoch_losses.append(loss.item())
            self.train_losses.append(statistics.mean(epoch_losses))
            self.validate(xval)

    @th.no_grad()
    def validate(self, xval):
        self.cpc.eval()
        hidden = th.zeros(2, xval.size(0), self.cpc.latent)
        targets, preds, _ = self.cpc(xval, hidden)
        loss, acc = info_nce(targets, preds)
        self.val_losses.append(loss.item())
        print(f"val loss {loss.item():.4f} acc {acc:.3f}")
