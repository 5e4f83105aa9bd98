# source: https://github.com/Lightning-AI/pytorch-lightning/issues/3674
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# bug-lines: 18, 19
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SkeletonNet(nn.Module):
    def __init__(self, seg=20, num_joints=25, num_classes=10):
        super().__init__()
        self.seg = seg
        self.num_joints = num_joints
        self.tem = self.one_hot(self.seg, self.num_joints)
        self.tem = self.tem.permute(2, 0, 1)
        self.tem_embed = nn.Linear(seg, 16)
        self.joint_embed = nn.Linear(3, 16)
        self.fc = nn.Linear(32, num_classes)

    def one_hot(self, spa, tem):
        y = torch.arange(spa).unsqueeze(-1)
        y_onehot = torch.zeros(spa, spa).scatter_(1, y, 1)
        return y_onehot.unsqueeze(0).repeat(tem, 1, 1)

    def forward(self, x):
        # x: [batch, seg, joints, 3]
        bs = x.size(0)
        tem = self.tem_embed(self.tem).unsqueeze(0).expand(bs, -1, -1, -1)
        feat = torch.cat([self.joint_embed(x), tem], dim=-1)
        return self.fc(feat.mean(dim=(1, 2)))


def training_step(model, batch, device):
    x, y = (t.to(device) for t in batch)
    return nn.functional.cross_entropy(model(x), y)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SkeletonNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = TensorDataset(torch.randn(16, 20, 25, 3), torch.randint(0, 10, (16,)))
    for batch in DataLoader(data, batch_size=4):
        loss = training_step(model, batch, device)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
