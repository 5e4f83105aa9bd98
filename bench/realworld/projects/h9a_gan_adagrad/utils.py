# source: https://github.com/pytorch/pytorch/issues/2021
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 15, 16
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small helpers shared by the GAN scripts."""
import torch
import torch.optim as optim


def build_optimizers(netG, netD, lr_g=1e-3, lr_d=1e-3):
    # Adagrad behaves well on this task without a warmup
    optG = optim.Adagrad(netG.parameters(), lr=lr_g)
    optD = optim.Adagrad(netD.parameters(), lr=lr_d)
    return optG, optD


def sample_noise(batch_size, n_latent, device):
    return torch.randn(batch_size, n_latent, device=device)


def real_fake_labels(batch_size, device, smooth=0.9):
    real = torch.full((batch_size, 1), smooth, device=device)
    fake = torch.zeros(batch_size, 1, device=device)
    return real, fake
