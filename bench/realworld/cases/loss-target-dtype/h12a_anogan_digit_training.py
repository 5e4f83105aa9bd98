# source: https://github.com/YutaroOgawa/pytorch_advanced/issues/144 https://github.com/AKASHKADEL/dcgan-mnist/pull/2
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: helper, loader-loop
# bug-lines: 25, 26, 63, 68
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class DigitImages(Dataset):
    def __init__(self, images):
        self.images = images

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        return (self.images[idx].float() / 127.5 - 1.0).view(-1)


def make_targets(batch_size, device):
    real = torch.full((batch_size,), 1).to(device)
    fake = torch.full((batch_size,), 0).to(device)
    return real, fake


class Generator(nn.Module):
    def __init__(self, z_dim=20, out_dim=784):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(z_dim, 256), nn.ReLU(), nn.Linear(256, out_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, in_dim=784):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(in_dim, 256), nn.LeakyReLU(0.1))
        self.head = nn.Linear(256, 1)

    def forward(self, x):
        feat = self.features(x)
        return self.head(feat), feat


def train_model(G, D, dataloader, num_epochs, z_dim=20):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    G, D = G.to(device), D.to(device)
    g_opt = torch.optim.Adam(G.parameters(), 1e-4, betas=(0.0, 0.9))
    d_opt = torch.optim.Adam(D.parameters(), 4e-4, betas=(0.0, 0.9))
    criterion = nn.BCEWithLogitsLoss(reduction="mean")
    for epoch in range(num_epochs):
        for images in dataloader:
            images = images.to(device)
            label_real, label_fake = make_targets(images.size(0), device)
            z = torch.randn(images.size(0), z_dim, device=device)
            d_out_real, _ = D(images)
            d_out_fake, _ = D(G(z).detach())
            d_loss = criterion(d_out_real.view(-1), label_real) + criterion(d_out_fake.view(-1), label_fake)
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            g_out, _ = D(G(z))
            g_loss = criterion(g_out.view(-1), label_real)
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
        print(f"epoch {epoch}: D {d_loss.item():.4f} G {g_loss.item():.4f}")
    return G, D


if __name__ == "__main__":
    digits = torch.randint(0, 256, (640, 28, 28), dtype=torch.uint8)
    loader = DataLoader(DigitImages(digits), batch_size=64, shuffle=True)
    train_model(Generator(), Discriminator(), loader, num_epochs=5)
