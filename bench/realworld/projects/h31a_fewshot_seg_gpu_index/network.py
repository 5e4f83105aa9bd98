# source: https://github.com/slei109/PATNet/issues/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:4 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, batch-dict
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import resnet50


class ProtoSegNet(nn.Module):
    """One-shot segmentation: masked-average prototype of the support set, cosine match on the query."""

    def __init__(self):
        super().__init__()
        backbone = resnet50(weights="IMAGENET1K_V1")
        self.encoder = nn.Sequential(*list(backbone.children())[:-3])
        self.scale = nn.Parameter(torch.tensor(20.0))

    def masked_prototype(self, feat, mask):
        mask = F.interpolate(mask.unsqueeze(1).float(), feat.shape[-2:], mode="bilinear", align_corners=True)
        return (feat * mask).sum((2, 3)) / mask.sum((2, 3)).clamp(min=1e-5)

    def forward(self, query_img, support_img, support_mask):
        q = self.encoder(query_img)
        s = self.encoder(support_img)
        fg = self.masked_prototype(s, support_mask)
        bg = self.masked_prototype(s, 1 - support_mask)
        logits = torch.stack([F.cosine_similarity(q, p[..., None, None], dim=1) for p in (bg, fg)], dim=1)
        return F.interpolate(logits * self.scale, query_img.shape[-2:], mode="bilinear", align_corners=True)
