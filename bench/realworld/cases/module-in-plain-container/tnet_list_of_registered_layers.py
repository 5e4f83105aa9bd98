# source: https://github.com/pytorch/pytorch/issues/131861
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# looks-like: module-in-plain-container
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class TNet(nn.Module):
    def __init__(self, k: int):
        super().__init__()
        self.k = k
        self.s0 = nn.Conv1d(k, 64, 1)
        self.s1 = nn.BatchNorm1d(64)
        self.s2 = nn.ReLU()
        self.s3 = nn.Conv1d(64, 128, 1)
        self.s4 = nn.BatchNorm1d(128)
        self.s5 = nn.ReLU()
        self.shared_mlp_list = [self.s0, self.s1, self.s2, self.s3, self.s4, self.s5]
        self.fc = nn.Linear(128, k * k)

    def forward(self, x):
        for layer in self.shared_mlp_list:
            x = layer(x)
        x = torch.max(x, 2)[0]
        identity = torch.eye(self.k, device=x.device).flatten()
        return (self.fc(x) + identity).view(-1, self.k, self.k)


class PointNetCls(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.tnet = TNet(3)
        self.conv = nn.Conv1d(3, 64, 1)
        self.head = nn.Linear(64, num_classes)

    def forward(self, pts):
        trans = self.tnet(pts)
        x = torch.bmm(trans, pts)
        x = torch.relu(self.conv(x))
        return self.head(torch.max(x, 2)[0])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PointNetCls().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = TensorDataset(torch.randn(32, 3, 128), torch.randint(0, 4, (32,)))
    for pts, labels in DataLoader(data, batch_size=8, shuffle=True):
        pts, labels = pts.to(device), labels.to(device)
        loss = nn.functional.cross_entropy(model(pts), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())
