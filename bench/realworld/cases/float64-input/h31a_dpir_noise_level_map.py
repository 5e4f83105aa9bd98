# source: https://github.com/cszn/DPIR/issues/1
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: helper, top-level
# bug-lines: 35, 55
# needs: torch, numpy, scipy, opencv-python
# cpu: no written where torch was not installed; not run
import glob
import os

import cv2
import numpy as np
import torch
from scipy import ndimage
from scipy.io import loadmat

from models.network_unet import UNetRes

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_denoiser(path):
    net = UNetRes(in_nc=4, out_nc=3, nc=[64, 128, 256, 512], nb=4, act_mode="R")
    net.load_state_dict(torch.load(path, map_location="cpu"), strict=True)
    net.eval()
    for p in net.parameters():
        p.requires_grad = False
    return net.to(device)


def noise_schedule(iter_num=8, sigma=2.55 / 255.0, model_sigma1=49 / 255.0, model_sigma2=2.55 / 255.0):
    sigmas = np.logspace(np.log10(model_sigma1), np.log10(model_sigma2), iter_num)
    lambdas = (sigma ** 2) / (sigmas ** 2) * 0.23
    rhos = torch.tensor(lambdas).to(device)
    sig = torch.tensor(sigmas).to(device)
    return rhos, sig


def to_tensor4(img):
    return torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1).float().unsqueeze(0)


kernels = loadmat(os.path.join("kernels", "kernels_12.mat"))["kernels"]
model = load_denoiser("model_zoo/drunet_color.pth")
rhos, sigmas = noise_schedule()

for path in sorted(glob.glob("testsets/set3c/*.png")):
    img_h = cv2.imread(path)[:, :, ::-1].astype(np.float32) / 255.0
    k = kernels[0, 0].astype(np.float64)
    img_l = ndimage.convolve(img_h, np.expand_dims(k, axis=2), mode="wrap")
    x = to_tensor4(img_l).to(device)
    with torch.no_grad():
        for i in range(len(sigmas)):
            level = sigmas[i].repeat(1, 1, x.shape[2], x.shape[3])
            z = model(torch.cat((x, level), dim=1))
            x = z * (1 - rhos[i]) + x * rhos[i]
    out = x.squeeze(0).clamp(0, 1).permute(1, 2, 0).cpu().numpy()
    name = os.path.basename(path)
    cv2.imwrite(os.path.join("results", name), (out[:, :, ::-1] * 255.0).round().astype(np.uint8))
