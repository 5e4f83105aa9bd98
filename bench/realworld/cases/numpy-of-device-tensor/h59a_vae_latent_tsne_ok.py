# source: https://github.com/Atcold/NYU-DLSP20/issues/776
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, class
# looks-like: numpy-of-device-tensor
# needs: torch, torchvision, scikit-learn, matplotlib
# cpu: no written where torch was not installed; not run
"""Project the latent means of a trained MNIST VAE to 2-D with t-SNE, per epoch checkpoint."""
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
from sklearn.manifold import TSNE
from torch.utils.data import DataLoader
from torchvision import datasets, transforms


class VAE(nn.Module):
    def __init__(self, d=20):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, d ** 2), nn.ReLU(), nn.Linear(d ** 2, 2 * d))
        self.decoder = nn.Sequential(nn.Linear(d, d ** 2), nn.ReLU(), nn.Linear(d ** 2, 784), nn.Sigmoid())
        self.d = d

    def encode(self, x):
        mu_logvar = self.encoder(x.view(-1, 784)).view(-1, 2, self.d)
        return mu_logvar[:, 0, :], mu_logvar[:, 1, :]


@torch.no_grad()
def collect_latents(model, loader, device, max_batches=20):
    mus, ys = [], []
    for i, (x, y) in enumerate(loader):
        if i == max_batches:
            break
        mu, _ = model.encode(x.to(device))
        mus.append(mu.detach().cpu())
        ys.append(y)
    return torch.cat(mus), torch.cat(ys)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    test = datasets.MNIST("./data", train=False, download=True, transform=transforms.ToTensor())
    loader = DataLoader(test, batch_size=256, shuffle=False)
    fig, axes = plt.subplots(1, 3, figsize=(15, 5))
    for ax, epoch in zip(axes, (5, 10, 20)):
        model = VAE().to(device)
        model.load_state_dict(torch.load(f"checkpoints/vae_epoch{epoch}.pt", map_location=device))
        model.eval()
        latents, labels = collect_latents(model, loader, device)
        embedded = TSNE(n_components=2, init="pca").fit_transform(latents.numpy())
        ax.scatter(embedded[:, 0], embedded[:, 1], c=labels.numpy(), cmap="tab10", s=4)
        ax.set_title(f"epoch {epoch}")
    fig.savefig("vae_latent_tsne.png", dpi=150)
