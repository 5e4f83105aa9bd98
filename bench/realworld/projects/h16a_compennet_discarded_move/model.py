# source: https://github.com/BingyaoHuang/CompenNet/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: discarded-tensor-move
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class SurfaceEncoder(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.conv1 = nn.Conv2d(3, ch, 3, padding=1)
        self.conv2 = nn.Conv2d(ch, ch, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, surf):
        x = F.relu(self.conv1(surf))
        x = F.relu(self.conv2(x))
        return F.relu(self.conv3(x))


class CompensationNet(nn.Module):
    """Predicts the projector input that makes the camera see the desired image."""

    def __init__(self, ch=32):
        super().__init__()
        self.surface = SurfaceEncoder(ch)
        self.enc = nn.Conv2d(3, ch, 3, stride=2, padding=1)
        self.fuse = nn.Conv2d(2 * ch, ch, 3, padding=1)
        self.dec = nn.ConvTranspose2d(ch, 3, 4, stride=2, padding=1)

    def forward(self, cam_img, surf_img):
        s = self.surface(surf_img)
        x = F.relu(self.enc(cam_img))
        x = F.relu(self.fuse(torch.cat([x, s], dim=1)))
        return torch.sigmoid(self.dec(x))
