# source: https://github.com/odlgroup/odl/pull/1493
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cuda:1!
# pattern: current-gpu-mismatch
# shape: class, helper, loader-loop
# bug-lines: 32, 40
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sparse-view CT post-processing: a numpy ray projector wrapped as an autograd op."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

DEVICE = torch.device("cuda:1")
N_PIX, N_ANGLES, N_DET = 32, 24, 48


def parallel_beam_matrix(n_pix, n_angles, n_det, seed=0):
    rng = np.random.default_rng(seed)
    mat = rng.random((n_angles * n_det, n_pix * n_pix)).astype(np.float32)
    return mat / mat.sum(axis=1, keepdims=True)


class NumpyRayTransform(torch.autograd.Function):
    @staticmethod
    def forward(ctx, image, matrix):
        ctx.matrix, ctx.shape = matrix, image.shape
        flat = image.detach().cpu().numpy().reshape(image.shape[0], -1)
        sino = torch.from_numpy((flat @ matrix.T).astype(np.float32))
        if image.is_cuda:
            sino = sino.cuda()
        return sino

    @staticmethod
    def backward(ctx, grad_sino):
        back = grad_sino.detach().cpu().numpy() @ ctx.matrix
        grad = torch.from_numpy(back.astype(np.float32)).view(ctx.shape)
        if grad_sino.is_cuda:
            grad = grad.cuda()
        return grad, None


class Refiner(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(),
            nn.Conv2d(16, 1, 3, padding=1),
        )

    def forward(self, fbp):
        return fbp + self.body(fbp)


def data_consistency(recon, measured, matrix):
    predicted = NumpyRayTransform.apply(recon, matrix)
    return F.mse_loss(predicted, measured)


def train(epochs=2):
    matrix = parallel_beam_matrix(N_PIX, N_ANGLES, N_DET)
    fbp = torch.rand(64, 1, N_PIX, N_PIX)
    sino = torch.rand(64, N_ANGLES * N_DET)
    loader = DataLoader(TensorDataset(fbp, sino), batch_size=8, shuffle=True)
    model = Refiner().to(DEVICE)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    for epoch in range(epochs):
        for fbp_batch, sino_batch in loader:
            fbp_batch, sino_batch = fbp_batch.to(DEVICE), sino_batch.to(DEVICE)
            recon = model(fbp_batch)
            loss = data_consistency(recon, sino_batch, matrix)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    train()
