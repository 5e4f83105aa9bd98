# source: https://github.com/thanard/causal-infogan/issues/3
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, matplotlib
# cpu: no written where torch was not installed; not run
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import torch


def plot_img(img, filename, title=None, vrange=(0, 1)):
    if torch.is_tensor(img):
        img = img.detach().cpu().numpy()
    plt.figure(figsize=(6, 6))
    plt.imshow(np.squeeze(img), vmin=vrange[0], vmax=vrange[1], cmap="gray", aspect="auto")
    if title:
        plt.title(title)
    plt.savefig(filename)
    plt.close()


class UniformDistribution:
    def __init__(self, low=-1.0, high=1.0):
        self.low, self.high = low, high

    def sample(self, n, dim, device):
        return torch.empty(n, dim, device=device).uniform_(self.low, self.high)


class Trainer:
    def __init__(self, generator, prior, c_dim=2, z_dim=4, n_eval=10, out_dir="out"):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.G = generator.to(self.device)
        self.prior = prior
        self.c_dim, self.z_dim, self.n_eval = c_dim, z_dim, n_eval
        self.out_dir = out_dir
        self.eval_input = self._eval_noise()

    def _eval_noise(self):
        z = self.prior.sample(self.n_eval, self.z_dim, self.device)
        c = self.prior.sample(self.n_eval, self.c_dim, self.device)
        grid = torch.cat([z, c], dim=1)
        plot_img(grid, f"{self.out_dir}/eval_noise.png", title="eval noise", vrange=(-1, 1))
        return grid

    @torch.no_grad()
    def visualize(self, epoch):
        self.G.eval()
        samples = self.G(self.eval_input)
        strip = samples.view(self.n_eval, 64, 64).permute(1, 0, 2).reshape(64, -1)
        plot_img(strip.cpu(), f"{self.out_dir}/samples_{epoch:03d}.png", title=f"epoch {epoch}")
        self.G.train()


if __name__ == "__main__":
    from models import Generator
    trainer = Trainer(Generator(in_dim=6, out_size=64), UniformDistribution())
    trainer.visualize(0)
