# The same targets made floating: a float fill value, or a floating dtype.
import torch
from torch import nn


class CriticTrainer:
    def __init__(self, critic, device):
        self.critic = critic.to(device)
        self.device = device
        self.loss = nn.BCEWithLogitsLoss()
        self.real, self.fake = 1.0, 0.0

    def step(self, real_images, fake_images):
        n = real_images.size(0)
        real_target = torch.full((n, 1), self.real, device=self.device)
        fake_target = torch.zeros((n, 1), dtype=torch.float32, device=self.device)
        loss_real = self.loss(self.critic(real_images), real_target)
        loss_fake = self.loss(self.critic(fake_images), fake_target)
        loss_gen = self.loss(self.critic(fake_images), real_target)
        return loss_real + loss_fake, loss_gen
