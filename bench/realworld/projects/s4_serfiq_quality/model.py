# source: https://github.com/jankolf/ser-fiq-pytorch/issues/2
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class IBasicBlock(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv1 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.prelu = nn.PReLU(planes)

    def forward(self, x):
        return x + self.prelu(self.conv1(self.bn1(x)))


class IResNetLite(nn.Module):
    def __init__(self, num_features=128, width=16):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.prelu = nn.PReLU(width)
        self.layer1 = nn.Sequential(IBasicBlock(width), IBasicBlock(width))
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.dropout = nn.Dropout(p=0.4)
        self.fc = nn.Linear(width * 16, num_features)

    def _trunk(self, x):
        x = self.prelu(self.bn1(self.conv1(x)))
        return self.pool(self.layer1(x)).flatten(1)

    def forward(self, x):
        return self.fc(self.dropout(self._trunk(x)))

    @torch.no_grad()
    def calculate_serfiq(self, x, T=10, scaling=5.0):
        feats = self._trunk(x)
        self.dropout.train()
        embs = [F.normalize(self.fc(self.dropout(feats)), dim=1) for _ in range(T)]
        self.dropout.eval()
        embs = torch.stack(embs, dim=1)
        dists = torch.cdist(embs, embs).mean(dim=(1, 2))
        return 2.0 * torch.sigmoid(-scaling * dists)
