# source: https://github.com/nikitakaraevv/pointnet/issues/14
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, helper, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class Tnet(nn.Module):
    def __init__(self, k=3):
        super().__init__()
        self.k = k
        self.conv1 = nn.Conv1d(k, 64, 1)
        self.conv2 = nn.Conv1d(64, 128, 1)
        self.conv3 = nn.Conv1d(128, 1024, 1)
        self.fc1 = nn.Linear(1024, 512)
        self.fc2 = nn.Linear(512, k * k)
        self.bn1, self.bn2, self.bn3 = nn.BatchNorm1d(64), nn.BatchNorm1d(128), nn.BatchNorm1d(1024)

    def forward(self, x):
        bs = x.size(0)
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = F.relu(self.bn3(self.conv3(x)))
        x = torch.amax(x, dim=2)
        x = self.fc2(F.relu(self.fc1(x)))
        eye = torch.eye(self.k, device=x.device).repeat(bs, 1, 1)
        return x.view(bs, self.k, self.k) + eye


class PointNet(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.input_transform = Tnet(k=3)
        self.conv1 = nn.Conv1d(3, 64, 1)
        self.conv2 = nn.Conv1d(64, 128, 1)
        self.conv3 = nn.Conv1d(128, 1024, 1)
        self.bn1, self.bn2, self.bn3 = nn.BatchNorm1d(64), nn.BatchNorm1d(128), nn.BatchNorm1d(1024)
        self.head = nn.Sequential(nn.Linear(1024, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, classes))

    def forward(self, x):
        matrix3x3 = self.input_transform(x)
        x = torch.bmm(x.transpose(1, 2), matrix3x3).transpose(1, 2)
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        x = self.bn3(self.conv3(x))
        x = torch.amax(x, dim=2)
        return self.head(x), matrix3x3
