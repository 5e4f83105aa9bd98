# source: https://github.com/Lornatang/SRGAN-PyTorch/issues/22
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 24, 25, 28, 29
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models


class VGGContentLoss(nn.Module):
    """Perceptual loss on VGG19 features (conv5_4, before activation)."""

    def __init__(self, feature_layer=35):
        super().__init__()
        vgg = models.vgg19(pretrained=True)
        self.features = nn.Sequential(*list(vgg.features.children())[:feature_layer]).eval()
        for p in self.features.parameters():
            p.requires_grad = False
        # ImageNet statistics used by the pretrained VGG
        self.mean = torch.Tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
        self.std = torch.Tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)

    def forward(self, source, target):
        source = (source - self.mean) / self.std
        target = (target - self.mean) / self.std
        return F.mse_loss(self.features(source), self.features(target))


def train_gan_epoch(generator, discriminator, loader, g_opt, d_opt, device):
    content_criterion = VGGContentLoss().to(device)
    adversarial_criterion = nn.BCEWithLogitsLoss()
    generator.train()
    discriminator.train()
    for lr_img, hr_img in loader:
        lr_img = lr_img.to(device, non_blocking=True)
        hr_img = hr_img.to(device, non_blocking=True)
        sr_img = generator(lr_img)

        d_opt.zero_grad()
        real_logits = discriminator(hr_img)
        fake_logits = discriminator(sr_img.detach())
        d_loss = adversarial_criterion(real_logits, torch.ones_like(real_logits)) + \
            adversarial_criterion(fake_logits, torch.zeros_like(fake_logits))
        d_loss.backward()
        d_opt.step()

        g_opt.zero_grad()
        content_loss = content_criterion(sr_img, hr_img.detach())
        adv_loss = adversarial_criterion(discriminator(sr_img), torch.ones_like(real_logits))
        g_loss = content_loss + 1e-3 * adv_loss
        g_loss.backward()
        g_opt.step()
    return g_loss.item(), d_loss.item()
