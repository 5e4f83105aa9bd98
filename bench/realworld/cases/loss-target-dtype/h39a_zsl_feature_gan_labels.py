# source: https://github.com/mhelhoseiny/CIZSL/issues/1
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 49, 53
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class FeatDataLayer:
    """Serves minibatches of pre-extracted visual features with their class ids."""

    def __init__(self, labels, feats, batch_size=1000):
        self.labels = labels
        self.feats = feats.astype(np.float32)
        self.batch_size = batch_size
        self._perm = np.random.permutation(len(labels))
        self._cur = 0

    def forward(self):
        if self._cur + self.batch_size > len(self._perm):
            self._perm = np.random.permutation(len(self.labels))
            self._cur = 0
        idx = self._perm[self._cur:self._cur + self.batch_size]
        self._cur += self.batch_size
        return {"data": self.feats[idx], "labels": self.labels[idx]}


class Discriminator(nn.Module):
    def __init__(self, feat_dim, n_cls):
        super().__init__()
        self.hidden = nn.Sequential(nn.Linear(feat_dim, 4096), nn.LeakyReLU(0.2))
        self.d_head = nn.Linear(4096, 1)
        self.c_head = nn.Linear(4096, n_cls)

    def forward(self, x):
        h = self.hidden(x)
        return self.d_head(h), self.c_head(h)


def train_discriminator(netD, optD, data_layer, fake_feats, steps=5):
    for _ in range(steps):
        blobs = data_layer.forward()
        X = torch.from_numpy(blobs["data"]).cuda()
        y_true = torch.from_numpy(blobs["labels"].astype("int32")).cuda()

        D_real, C_real = netD(X)
        D_fake, _ = netD(fake_feats[: X.shape[0]])
        loss = D_fake.mean() - D_real.mean() + F.cross_entropy(C_real, y_true)
        optD.zero_grad()
        loss.backward()
        optD.step()
    return loss.item()


if __name__ == "__main__":
    feats = np.load("data/CUB/res101_train_feats.npy")
    labels = np.load("data/CUB/train_labels.npy")
    n_cls = int(labels.max()) + 1
    netD = Discriminator(feats.shape[1], n_cls).cuda()
    optD = torch.optim.Adam(netD.parameters(), lr=1e-4, betas=(0.5, 0.9))
    layer = FeatDataLayer(labels, feats)
    for it in range(3001):
        fake = torch.randn(1000, feats.shape[1], device="cuda")
        d_loss = train_discriminator(netD, optD, layer, fake)
        if it % 100 == 0:
            print(f"it {it}: D loss {d_loss:.4f}")
