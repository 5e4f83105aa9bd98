# source: https://github.com/fastai/course-v3/pull/519
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 47, 56
# needs: torch, torchvision, numpy, matplotlib, PIL
# cpu: no written where torch was not installed; not run
"""Inspect a trained horse->zebra CycleGAN: show the images with the worst cycle loss."""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tfms = transforms.Compose([transforms.Resize(128), transforms.CenterCrop(128), transforms.ToTensor(),
                           transforms.Normalize([0.5] * 3, [0.5] * 3)])


def get_batch(paths, size=8):
    for i in range(0, len(paths), size):
        chunk = paths[i:i + size]
        yield chunk, torch.stack([tfms(Image.open(p).convert("RGB")) for p in chunk])


@torch.no_grad()
def cycle_losses(paths, gen_ab, gen_ba):
    losses = []
    for _, xb in get_batch(paths):
        xb = xb.to(device)
        rec = gen_ba(gen_ab(xb))
        losses.append(F.l1_loss(rec, xb, reduction="none").mean(dim=(1, 2, 3)))
    return torch.cat(losses)


def load_generators(ckpt_dir):
    gen_ab = torch.jit.load(str(Path(ckpt_dir) / "G_AB.pt"), map_location=device)
    gen_ba = torch.jit.load(str(Path(ckpt_dir) / "G_BA.pt"), map_location=device)
    return gen_ab.eval(), gen_ba.eval()


def show_worst(fnames, losses, gen, n=8):
    order = losses.argsort(descending=True)
    worst = fnames[order[:n]]
    _, axs = plt.subplots(n // 2, 4, figsize=(12, 2 * n))
    xb = torch.stack([tfms(Image.open(p).convert("RGB")) for p in worst]).to(device)
    with torch.no_grad():
        fakes = gen(xb)
    xb, fakes = (1 + xb) / 2, (1 + fakes) / 2
    for i in range(n):
        axs.flatten()[2 * i].imshow(xb[i].cpu().permute(1, 2, 0))
        axs.flatten()[2 * i].axis("off")
        axs.flatten()[2 * i + 1].imshow(fakes[i].permute(1, 2, 0))
        axs.flatten()[2 * i + 1].set_title(f"{losses[order[i]].item():.3f}")
        axs.flatten()[2 * i + 1].axis("off")
    plt.tight_layout()
    plt.savefig("worst_cycles.png")


if __name__ == "__main__":
    fnames = np.array(sorted(str(p) for p in Path("data/horse2zebra/testA").glob("*.jpg")))
    gen_ab, gen_ba = load_generators("checkpoints/horse2zebra")
    losses = cycle_losses(list(fnames), gen_ab, gen_ba)
    show_worst(fnames, losses, gen_ab)
