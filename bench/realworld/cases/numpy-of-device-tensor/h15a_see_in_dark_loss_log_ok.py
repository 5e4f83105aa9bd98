# source: https://github.com/lavi135246/pytorch-Learning-to-See-in-the-Dark/issues/10
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: loader-loop, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Low-light raw-to-RGB training loop; per-image losses are logged into a numpy array."""
import os

import numpy as np
import torch
from torch import nn


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(4, 32, 3, padding=1), nn.LeakyReLU(0.2), nn.MaxPool2d(2))
        self.mid = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.LeakyReLU(0.2))
        self.up = nn.ConvTranspose2d(64, 32, 2, stride=2)
        self.out = nn.Conv2d(32, 12, 1)

    def forward(self, x):
        return nn.functional.pixel_shuffle(self.out(self.up(self.mid(self.down(x)))), 2)


def save_preview(output, gt, path):
    out_np = output.detach().permute(0, 2, 3, 1).cpu().numpy()[0]
    gt_np = gt.permute(0, 2, 3, 1).cpu().numpy()[0]
    preview = np.concatenate([np.clip(out_np, 0, 1), gt_np], axis=1)
    np.save(path, (preview * 255).astype(np.uint8))


def main(result_dir="result_Sony", n_images=16, epochs=3):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = TinyUNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    g_loss = np.zeros((n_images, 1))
    raws = torch.rand(n_images, 1, 4, 256, 256)
    gts = torch.rand(n_images, 1, 3, 512, 512)
    os.makedirs(result_dir, exist_ok=True)
    for epoch in range(epochs):
        for ind in np.random.permutation(n_images):
            in_img = raws[ind].to(device)
            gt_img = gts[ind].to(device)
            out_img = model(in_img)
            loss = torch.abs(out_img - gt_img).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            g_loss[ind] = loss.item()
            if ind == 0:
                save_preview(out_img, gt_img, f"{result_dir}/{epoch:04d}_00.npy")
        print(f"epoch {epoch}: mean loss {np.mean(g_loss[np.where(g_loss)]):.4f}")


if __name__ == "__main__":
    main()
