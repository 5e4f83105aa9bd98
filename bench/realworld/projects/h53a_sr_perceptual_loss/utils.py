# source: https://github.com/NVlabs/MUNIT/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, helper
# bug-lines: 23, 24, 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision


def load_vgg19_features(until_layer=35):
    """relu5_4 features of an ImageNet VGG19, frozen, used for the perceptual term."""
    vgg = torchvision.models.vgg19(weights="IMAGENET1K_V1").features[:until_layer]
    for p in vgg.parameters():
        p.requires_grad = False
    return vgg.eval()


def vgg_preprocess(batch):
    """SR outputs are RGB in [-1, 1]; VGG expects ImageNet-normalised RGB in [0, 1]."""
    batch = (batch + 1) * 0.5
    mean = torch.FloatTensor(batch.size())
    std = torch.FloatTensor(batch.size())
    for c, (m, s) in enumerate(zip((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))):
        mean[:, c, :, :] = m
        std[:, c, :, :] = s
    return (batch - mean) / std


def rgb_from_multispectral(x, rgb_idx=(2, 1, 0)):
    """Sentinel-2 B4/B3/B2 composite from a (B, bands, H, W) tensor ordered B2, B3, B4, B8."""
    return x[:, list(rgb_idx)]


def get_scheduler(optimizer, step_size=200_000, gamma=0.5):
    return torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)
