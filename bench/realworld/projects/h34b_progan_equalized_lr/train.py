# source: https://github.com/gapeng000/PyTorch-progressive_growing_of_gans/issues/23
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.utils import save_image

from networks import Discriminator, Generator

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def gradient_penalty(D, real, fake):
    eps = torch.rand(real.size(0), 1, 1, 1, device=real.device)
    mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
    grads = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)[0]
    return ((grads.view(grads.size(0), -1).norm(2, dim=1) - 1) ** 2).mean()


def main(data_root="data/celeba", epochs=10, batch_size=32):
    tfm = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64), transforms.ToTensor(),
                              transforms.Normalize([0.5] * 3, [0.5] * 3)])
    loader = DataLoader(datasets.ImageFolder(data_root, tfm), batch_size=batch_size, shuffle=True, drop_last=True)
    G, D = Generator().to(device), Discriminator().to(device)
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.0, 0.99))
    fixed_z = torch.randn(16, G.latent_dim, device=device)

    for epoch in range(epochs):
        for real, _ in loader:
            real = real.to(device)
            z = torch.randn(real.size(0), G.latent_dim, device=device)
            fake = G(z)
            loss_d = D(fake.detach()).mean() - D(real).mean() + 10.0 * gradient_penalty(D, real, fake.detach())
            opt_d.zero_grad(); loss_d.backward(); opt_d.step()
            loss_g = -D(fake).mean()
            opt_g.zero_grad(); loss_g.backward(); opt_g.step()
        with torch.no_grad():
            save_image(G(fixed_z) * 0.5 + 0.5, f"samples/epoch_{epoch:03d}.png", nrow=4)


if __name__ == "__main__":
    main()
