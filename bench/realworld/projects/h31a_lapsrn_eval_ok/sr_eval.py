# source: https://github.com/BUPTLdy/Pytorch-LapSRN/issues/2
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.cuda.FloatTensor for argument #2 'weight'
# pattern: inputs-not-moved
# shape: multi-file, helper
# looks-like: inputs-not-moved
# needs: torch, numpy, scipy
# cpu: no written where torch was not installed; not run
import math

import numpy as np
import torch
from scipy.io import loadmat


def psnr(pred, gt, shave_border=4):
    pred = pred[shave_border:-shave_border, shave_border:-shave_border]
    gt = gt[shave_border:-shave_border, shave_border:-shave_border]
    rmse = math.sqrt(np.mean((pred - gt) ** 2))
    return 100.0 if rmse == 0 else 20 * math.log10(255.0 / rmse)


def model_device(model):
    return next(model.parameters()).device


@torch.no_grad()
def run_x4(model, im_l):
    device = model_device(model)
    lr = torch.from_numpy(im_l.astype(np.float32) / 255.0).view(1, 1, *im_l.shape).to(device)
    _, hr4 = model(lr)
    out = hr4.squeeze().clamp(0, 1).cpu().numpy() * 255.0
    return out.astype(np.float32)


def eval_mat(model, mat_path):
    data = loadmat(mat_path)
    im_gt, im_l = data["im_gt_y"].astype(np.float32), data["im_l_y"]
    im_b = data["im_b_y"].astype(np.float32)
    sr = run_x4(model, im_l)
    return psnr(im_b, im_gt), psnr(sr, im_gt)
