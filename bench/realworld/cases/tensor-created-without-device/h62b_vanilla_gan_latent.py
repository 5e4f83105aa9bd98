# source: https://github.com/diegoalejogm/gans/issues/12
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #2 'mat1' in call to _th_addmm
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 25, 70, 76, 85, 90
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
from torch import nn, optim
from torchvision import datasets, transforms

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
LATENT_DIM = 100
IMG_FEATURES = 28 * 28


def mnist_loader(root, batch_size=100):
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5], [0.5])])
    data = datasets.MNIST(root=root, train=True, transform=tfm, download=True)
    return torch.utils.data.DataLoader(data, batch_size=batch_size, shuffle=True)


def sample_latent(size):
    # one latent code per image in the batch
    return torch.randn(size, LATENT_DIM)


def real_target(size):
    return torch.ones(size, 1, device=DEVICE)


def fake_target(size):
    return torch.zeros(size, 1, device=DEVICE)


class GeneratorNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(LATENT_DIM, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 512), nn.LeakyReLU(0.2),
            nn.Linear(512, 1024), nn.LeakyReLU(0.2),
            nn.Linear(1024, IMG_FEATURES), nn.Tanh(),
        )

    def forward(self, z):
        return self.body(z)


class DiscriminatorNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(IMG_FEATURES, 1024), nn.LeakyReLU(0.2), nn.Dropout(0.3),
            nn.Linear(1024, 512), nn.LeakyReLU(0.2), nn.Dropout(0.3),
            nn.Linear(512, 1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.body(x)


def train(num_epochs=200):
    loader = mnist_loader("./torch_data/VGAN/MNIST")
    generator = GeneratorNet().to(DEVICE)
    discriminator = DiscriminatorNet().to(DEVICE)
    d_optimizer = optim.Adam(discriminator.parameters(), lr=2e-4)
    g_optimizer = optim.Adam(generator.parameters(), lr=2e-4)
    loss_fn = nn.BCELoss()
    test_noise = sample_latent(16)

    for epoch in range(num_epochs):
        for real_batch, _ in loader:
            n = real_batch.size(0)
            real_data = real_batch.view(n, IMG_FEATURES).to(DEVICE)
            fake_data = generator(sample_latent(n)).detach()

            d_optimizer.zero_grad()
            d_loss = loss_fn(discriminator(real_data), real_target(n))
            d_loss = d_loss + loss_fn(discriminator(fake_data), fake_target(n))
            d_loss.backward()
            d_optimizer.step()

            g_optimizer.zero_grad()
            g_loss = loss_fn(discriminator(generator(sample_latent(n))), real_target(n))
            g_loss.backward()
            g_optimizer.step()

        with torch.no_grad():
            samples = generator(test_noise).view(-1, 1, 28, 28)
        print(f"epoch {epoch}: d_loss={d_loss.item():.4f} g_loss={g_loss.item():.4f} "
              f"sample_mean={samples.mean().item():.3f}")


if __name__ == "__main__":
    train()
