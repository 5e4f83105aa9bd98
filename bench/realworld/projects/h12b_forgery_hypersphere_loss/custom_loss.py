# source: https://github.com/CHELSEA234/HiFi_IFDL/issues/38
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: hard-coded-cuda
# shape: multi-file, helper, loader-loop
# bug-lines: 12, 43, 48, 53
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn

device = torch.device("cuda:0")


class HypersphereLoss(nn.Module):
    """Pulls real-pixel features inside a hypersphere and pushes manipulated ones out."""

    def __init__(self, center, radius, p=2):
        super().__init__()
        self.center = center.clone().detach()
        self.radius = radius.clone().detach()
        self.margin_fake = 2.5 * self.radius
        self.threshold = 1.85 * self.radius
        self.pdist = nn.PairwiseDistance(p=p)

    def forward(self, feats, mask):
        b, c, h, w = feats.shape
        flat = feats.permute(0, 2, 3, 1).reshape(-1, c)
        dist = self.pdist(flat, self.center)
        labels = mask.reshape(-1)
        dist_real = dist[labels == 0]
        dist_fake = torch.clamp(self.margin_fake - dist[labels == 1], min=0)
        loss_real = dist_real.mean() if dist_real.numel() else dist.new_zeros(())
        loss_fake = dist_fake.mean() if dist_fake.numel() else dist.new_zeros(())
        pred_mask = (dist > self.threshold).float().reshape(b, h, w, 1).permute(0, 3, 1, 2)
        return loss_real + loss_fake, pred_mask


@torch.no_grad()
def estimate_center_radius(encoder, loader, feat_dim=18, every=10):
    """Center = mean feature of authentic images, radius = largest distance seen."""
    encoder.eval()
    center, seen, batches = torch.zeros(feat_dim, device=device), 0, []
    for i, (images, masks, is_fake) in enumerate(loader):
        real = images[is_fake == 0]
        if i % every or real.shape[0] == 0:
            continue
        feats = encoder(real.to(device))
        center += feats.mean(dim=(0, 2, 3))
        seen += 1
        batches.append(feats.permute(0, 2, 3, 1).reshape(-1, feat_dim))
    center = center / max(seen, 1)
    radius = torch.tensor(0.0, device=device)
    for flat in batches:
        radius = torch.maximum(radius, (flat - center).norm(dim=1).max())
    encoder.train()
    return center, radius
