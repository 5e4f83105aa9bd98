# source: https://github.com/elvisyjlin/SpatialAttentionGAN/issues/1
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for sequence element 1 in sequence argument at position #1 'tensors'
# pattern: legacy-type-cast
# shape: loader-loop, batch-dict, top-level
# bug-lines: 64
# cpu: no needs a GPU
# needs: torch
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class AttentionGenerator(nn.Module):
    def __init__(self, n_attrs=1, width=32):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3 + n_attrs, width, 3, padding=1), nn.ReLU(), nn.Conv2d(width, 4, 3, padding=1))

    def forward(self, x, a):
        a = a.view(a.size(0), -1, 1, 1).expand(-1, -1, x.size(2), x.size(3))
        h = self.body(torch.cat((x, a), dim=1))
        color, mask = torch.tanh(h[:, :3]), torch.sigmoid(h[:, 3:])
        return mask * color + (1 - mask) * x, mask


class Discriminator(nn.Module):
    def __init__(self, n_attrs=1, width=32):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, width, 4, 2, 1), nn.LeakyReLU(0.2), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.adv, self.cls = nn.Linear(width, 1), nn.Linear(width, n_attrs)

    def forward(self, x):
        h = self.features(x)
        return self.adv(h), self.cls(h)


def loop(loader):
    while True:
        for batch in loader:
            yield batch


parser = argparse.ArgumentParser()
parser.add_argument("--gpu", action="store_true")
parser.add_argument("--batch-size", type=int, default=8)
parser.add_argument("--iters", type=int, default=3)
args = parser.parse_args()
device = torch.device("cuda" if args.gpu and torch.cuda.is_available() else "cpu")

images = torch.rand(64, 3, 32, 32) * 2 - 1
attributes = torch.randint(0, 2, (64, 1))
train_dset = TensorDataset(images, attributes)
train_data = loop(DataLoader(train_dset, batch_size=args.batch_size, shuffle=True, drop_last=True))

G = AttentionGenerator().to(device)
D = Discriminator().to(device)
G_opt = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
D_opt = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))

for it in range(args.iters):
    reals, labels = next(train_data)
    reals, labels = reals.to(device), labels.to(device).type(reals.type())
    target_labels = 1 - labels
    fakes, _ = G(reals, target_labels)
    d_real, dc_real = D(reals)
    d_fake, _ = D(fakes.detach())
    df_loss = -d_real.mean() + d_fake.mean()
    dc_loss = F.binary_cross_entropy_with_logits(dc_real, labels)
    D_opt.zero_grad()
    (df_loss + dc_loss).backward()
    D_opt.step()
    fakes, _ = G(reals, target_labels)
    g_fake, gc_fake = D(fakes)
    g_loss = -g_fake.mean() + F.binary_cross_entropy_with_logits(gc_fake, target_labels)
    G_opt.zero_grad()
    g_loss.backward()
    G_opt.step()
    print(f"iter {it}: d={df_loss.item():.3f} g={g_loss.item():.3f}")
