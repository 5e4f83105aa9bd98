# source: https://github.com/fastai/course-v3/issues/509
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, torchvision, numpy, matplotlib, PIL
# cpu: no written where torch was not installed; not run
import matplotlib.pyplot as plt
import numpy as np
import torch
from PIL import Image
from torchvision import transforms

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def get_batch(fnames, size=128):
    tfm = transforms.Compose([
        transforms.Resize(size), transforms.CenterCrop(size), transforms.ToTensor(),
        transforms.Normalize([0.5] * 3, [0.5] * 3),
    ])
    imgs = [tfm(Image.open(f).convert("RGB")) for f in fnames]
    return torch.stack(imgs).to(device)


@torch.no_grad()
def score_files(fnames, gen, critic, bs=32):
    losses = []
    for i in range(0, len(fnames), bs):
        xb = get_batch(fnames[i:i + bs])
        losses.append(-critic(gen(xb)).mean(dim=(1, 2, 3)))
    return torch.cat(losses)


def show_best(fnames, losses, gen, n=8):
    sort_idx = losses.argsort().cpu()
    best = np.array(fnames)[sort_idx.numpy()][:n]
    xb = get_batch(list(best))
    with torch.no_grad():
        fakes = gen(xb)
    xb, fakes = (1 + xb.cpu()) / 2, (1 + fakes.cpu()) / 2
    _, axs = plt.subplots(n // 2, 4, figsize=(12, 2 * n))
    for i, ax_pair in enumerate(axs.flatten().reshape(-1, 2)):
        ax_pair[0].imshow(xb[i].permute(1, 2, 0).numpy())
        ax_pair[0].axis("off")
        ax_pair[1].imshow(fakes[i].permute(1, 2, 0).numpy())
        ax_pair[1].set_title(f"{losses[sort_idx[i]].item():.3f}")
        ax_pair[1].axis("off")
    plt.tight_layout()
    plt.savefig("best_translations.png")
