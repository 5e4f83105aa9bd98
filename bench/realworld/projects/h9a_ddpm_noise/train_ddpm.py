# source: https://github.com/explainingai-code/DDPM-Pytorch/issues/5
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: class, multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train a DDPM on MNIST and draw a few samples at the end."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from noise_scheduler import LinearNoiseScheduler
from unet import TinyUNet

CONFIG = {"num_timesteps": 1000, "beta_start": 1e-4, "beta_end": 0.02,
          "batch_size": 64, "epochs": 20, "lr": 1e-4}


def build_loader(root, batch_size):
    tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
    ds = datasets.MNIST(root, train=True, download=True, transform=tf)
    return DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=4)


def train(device):
    scheduler = LinearNoiseScheduler(CONFIG["num_timesteps"], CONFIG["beta_start"], CONFIG["beta_end"])
    model = TinyUNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=CONFIG["lr"])
    criterion = nn.MSELoss()
    loader = build_loader("data", CONFIG["batch_size"])
    for epoch in range(CONFIG["epochs"]):
        losses = []
        for im, _ in loader:
            im = im.float().to(device)
            noise = torch.randn_like(im)
            t = torch.randint(0, CONFIG["num_timesteps"], (im.shape[0],)).to(device)
            noisy_im = scheduler.add_noise(im, noise, t)
            loss = criterion(model(noisy_im, t), noise)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        print(f"epoch {epoch + 1} | loss {sum(losses) / len(losses):.4f}")
    return model, scheduler


@torch.no_grad()
def sample(model, scheduler, device, n=16):
    model.eval()
    xt = torch.randn(n, 1, 28, 28, device=device)
    for i in reversed(range(scheduler.num_timesteps)):
        t = torch.full((n,), i, device=device, dtype=torch.long)
        xt, _ = scheduler.sample_prev_timestep(xt, model(xt, t), i)
    return (xt.clamp(-1, 1) + 1) / 2


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net, sched = train(dev)
    torch.save(net.state_dict(), "ddpm_mnist.pt")
    images = sample(net, sched, dev)
    print("sampled", tuple(images.shape))
