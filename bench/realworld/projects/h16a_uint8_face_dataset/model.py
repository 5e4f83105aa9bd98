# source: https://github.com/yoctta/multiple-attention/issues/26
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torchvision.models import efficientnet_b4


class SpatialAttentionDetector(nn.Module):
    def __init__(self, num_attn=4, num_classes=2):
        super().__init__()
        backbone = efficientnet_b4(weights=None)
        self.features = backbone.features
        self.attn = nn.Conv2d(1792, num_attn, kernel_size=1)
        self.head = nn.Linear(1792 * num_attn, num_classes)

    def forward(self, x):
        fmap = self.features(x)
        maps = torch.softmax(self.attn(fmap).flatten(2), dim=-1)
        pooled = torch.einsum("bmn,bcn->bmc", maps, fmap.flatten(2))
        return self.head(pooled.flatten(1))
