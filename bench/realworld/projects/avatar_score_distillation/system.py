# source: https://github.com/alvinliu0/HumanGaussian/issues/25
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, multi-file
# cpu: no needs a GPU
# needs: torch
import torch
import torch.nn as nn

from guidance import DualBranchGuidance


class GaussianRenderer(nn.Module):
    def __init__(self, num_points=256, height=32, width=32):
        super().__init__()
        self.height, self.width = height, width
        self.features = nn.Parameter(torch.randn(num_points, 3) * 0.1)
        self.to_image = nn.Linear(num_points * 3 + 12, 3 * height * width)

    def forward(self, c2w):
        feats = self.features.flatten().unsqueeze(0).expand(c2w.shape[0], -1)
        h = torch.cat([feats, c2w.flatten(1)], dim=1)
        return torch.sigmoid(self.to_image(h)).view(-1, 3, self.height, self.width)


class AvatarSystem(nn.Module):
    def __init__(self, cfg, device):
        super().__init__()
        self.renderer = GaussianRenderer()
        self.guidance = DualBranchGuidance(cfg["guidance"], device)

    def training_step(self, batch):
        rgb = self.renderer(batch["c2w"])
        loss_sds = self.guidance(rgb)
        loss_opacity = batch["mask"].float().mean() * 0.0
        return {"loss": loss_sds + loss_opacity, "loss_sds": loss_sds.detach()}
