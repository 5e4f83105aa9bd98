# source: https://github.com/kkirchheim/pytorch-ood/issues/25
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""SimCLR ResNet-18 encoder used as a frozen feature extractor for OOD scoring."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import resnet18


class SimCLREncoder(nn.Module):
    def __init__(self, proj_dim=128):
        super().__init__()
        trunk = resnet18(weights=None)
        trunk.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        trunk.maxpool = nn.Identity()
        feat_dim = trunk.fc.in_features
        trunk.fc = nn.Identity()
        self.trunk = trunk
        self.projector = nn.Sequential(
            nn.Linear(feat_dim, feat_dim), nn.ReLU(inplace=True), nn.Linear(feat_dim, proj_dim)
        )

    def forward(self, x):
        return self.projector(self.trunk(x))

    @torch.no_grad()
    def embed(self, x):
        # OOD scoring uses the normalised backbone features, not the projection
        return F.normalize(self.trunk(x), dim=1)

    @classmethod
    def from_checkpoint(cls, path):
        model = cls()
        state = torch.load(path, map_location="cpu")
        model.load_state_dict(state["model"])
        return model
