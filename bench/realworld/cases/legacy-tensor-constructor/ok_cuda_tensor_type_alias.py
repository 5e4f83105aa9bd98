# source: https://github.com/eriklindernoren/PyTorch-GAN/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# looks-like: legacy-tensor-constructor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.autograd as autograd
import torch.nn as nn

cuda = True if torch.cuda.is_available() else False
Tensor = torch.cuda.FloatTensor if cuda else torch.FloatTensor


def compute_gradient_penalty(D, real_samples, fake_samples):
    alpha = Tensor(np.random.random((real_samples.size(0), 1, 1, 1)))
    interpolates = (alpha * real_samples + ((1 - alpha) * fake_samples)).requires_grad_(True)
    d_interpolates = D(interpolates)
    fake = torch.ones_like(d_interpolates)
    gradients = autograd.grad(outputs=d_interpolates, inputs=interpolates, grad_outputs=fake,
                              create_graph=True, retain_graph=True, only_inputs=True)[0]
    gradients = gradients.view(gradients.size(0), -1)
    return ((gradients.norm(2, dim=1) - 1) ** 2).mean()


if __name__ == "__main__":
    discriminator = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))
    generator = nn.Sequential(nn.Linear(16, 28 * 28), nn.Tanh())
    if cuda:
        discriminator.cuda()
        generator.cuda()
    optimizer_D = torch.optim.Adam(discriminator.parameters(), lr=2e-4, betas=(0.5, 0.999))
    for real in torch.randn(3, 8, 1, 28, 28).unbind(0):
        real_imgs = real.type(Tensor)
        z = Tensor(np.random.normal(0, 1, (real_imgs.shape[0], 16)))
        fake_imgs = generator(z).view(-1, 1, 28, 28)
        gp = compute_gradient_penalty(discriminator, real_imgs.data, fake_imgs.data)
        d_loss = -discriminator(real_imgs).mean() + discriminator(fake_imgs.detach()).mean() + 10 * gp
        optimizer_D.zero_grad()
        d_loss.backward()
        optimizer_D.step()
    print(d_loss.item())
