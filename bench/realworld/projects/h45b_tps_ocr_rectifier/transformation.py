# source: https://github.com/parksunwoo/ocr_kor/issues/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, batch-dict, loader-loop
# bug-lines: 45, 46
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def _fiducials(n):
    xs = np.linspace(-1.0, 1.0, n // 2)
    top = np.stack([xs, -np.ones(n // 2)], axis=1)
    bottom = np.stack([xs, np.ones(n // 2)], axis=1)
    return np.concatenate([top, bottom], axis=0)


def _rbf(a, b, eps=1e-6):
    d = np.linalg.norm(a[:, None, :] - b[None, :, :], axis=2)
    return np.square(d) * np.log(d + eps)


class GridGenerator(nn.Module):
    def __init__(self, n_fiducial, out_hw):
        super().__init__()
        h, w = out_hw
        C = _fiducials(n_fiducial)
        delta_C = np.concatenate([
            np.concatenate([np.ones((n_fiducial, 1)), C, _rbf(C, C)], axis=1),
            np.concatenate([np.zeros((2, 3)), C.T], axis=1),
            np.concatenate([np.zeros((1, 3)), np.ones((1, n_fiducial))], axis=1),
        ], axis=0)
        gx = (np.arange(-w, w, 2) + 1.0) / w
        gy = (np.arange(-h, h, 2) + 1.0) / h
        P = np.stack(np.meshgrid(gx, gy), axis=2).reshape(-1, 2)
        P_hat = np.concatenate([np.ones((P.shape[0], 1)), P, _rbf(P, C)], axis=1)
        self.register_buffer("inv_delta_C", torch.tensor(np.linalg.inv(delta_C), dtype=torch.float32))
        self.register_buffer("P_hat", torch.tensor(P_hat, dtype=torch.float32))

    def build_P_prime(self, batch_C_prime):
        batch_size = batch_C_prime.size(0)
        zeros = torch.zeros(batch_size, 3, 2).float()
        C_prime_with_zeros = torch.cat((batch_C_prime, zeros), dim=1)
        T = torch.bmm(self.inv_delta_C.expand(batch_size, -1, -1), C_prime_with_zeros)
        return torch.bmm(self.P_hat.expand(batch_size, -1, -1), T)


class TPSRectifier(nn.Module):
    def __init__(self, n_fiducial=20, out_hw=(32, 100), in_ch=1):
        super().__init__()
        self.n_fiducial, self.out_hw = n_fiducial, out_hw
        self.localization = nn.Sequential(
            nn.Conv2d(in_ch, 32, 3, padding=1), nn.ReLU(True), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(True), nn.AdaptiveAvgPool2d(1),
            nn.Flatten(), nn.Linear(64, n_fiducial * 2), nn.Tanh(),
        )
        self.grid = GridGenerator(n_fiducial, out_hw)

    def forward(self, batch_I):
        C_prime = self.localization(batch_I).view(-1, self.n_fiducial, 2)
        P_prime = self.grid.build_P_prime(C_prime)
        P_prime = P_prime.reshape(-1, self.out_hw[0], self.out_hw[1], 2)
        return F.grid_sample(batch_I, P_prime, padding_mode="border", align_corners=False)
