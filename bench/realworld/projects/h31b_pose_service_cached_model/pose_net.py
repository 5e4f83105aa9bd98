# source: https://github.com/Unity-Technologies/Robotics-Object-Pose-Estimation/issues/45
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""VGG16 trunk with two regression heads: cube position (x, y, z) and orientation quaternion."""
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class UnitQuaternion(nn.Module):
    def forward(self, q):
        return F.normalize(q, p=2, dim=1, eps=1e-8)


def regression_head(out_features, final=None):
    layers = [nn.Linear(512 * 7 * 7, 256), nn.ReLU(inplace=True), nn.Linear(256, 64), nn.ReLU(inplace=True),
              nn.Linear(64, out_features)]
    if final is not None:
        layers.append(final)
    return nn.Sequential(*layers)


class CubePoseNet(nn.Module):
    def __init__(self, predict_rotation=True):
        super().__init__()
        vgg = torchvision.models.vgg16(weights=None)
        self.backbone = nn.Sequential(vgg.features, vgg.avgpool, nn.Flatten())
        self.position_head = regression_head(3)
        self.rotation_head = regression_head(4, UnitQuaternion()) if predict_rotation else None

    def forward(self, x):
        feats = self.backbone(x)
        position = self.position_head(feats)
        if self.rotation_head is None:
            return position, None
        return position, self.rotation_head(feats)
