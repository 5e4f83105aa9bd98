# source: https://github.com/szagoruyko/attention-transfer/issues/39
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, helper, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def attention_map(feat):
    return F.normalize(feat.pow(2).mean(1).flatten(1))


class FeatureNet(nn.Module):
    """ResNet trunk that also returns the three group outputs used for attention transfer."""

    def __init__(self, depth=18, num_classes=10):
        super().__init__()
        base = getattr(torchvision.models, f"resnet{depth}")(num_classes=num_classes)
        self.stem = nn.Sequential(base.conv1, base.bn1, base.relu)
        self.groups = nn.ModuleList([base.layer1, base.layer2, base.layer3, base.layer4])
        self.bn = nn.BatchNorm2d(512)
        self.fc = base.fc

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for g in self.groups:
            x = g(x)
            feats.append(x)
        x = F.relu(self.bn(x))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1)), feats[1:]


class Distiller:
    def __init__(self, teacher_ckpt, beta=1e3):
        self.teacher = FeatureNet(depth=34)
        self.teacher.load_state_dict(torch.load(teacher_ckpt, map_location="cpu"))
        self.student = FeatureNet(depth=18)
        self.beta = beta

    def setup(self, device):
        self.device = device
        self.teacher = self.teacher.to(device).eval()
        self.student = self.student.to(device)
        self.optimizer = torch.optim.SGD(self.student.parameters(), lr=0.1, momentum=0.9)
        return self

    def train_epoch(self, loader):
        self.student.train()
        for x, y in loader:
            x, y = x.to(self.device), y.to(self.device)
            with torch.no_grad():
                _, t_feats = self.teacher(x)
            logits, s_feats = self.student(x)
            at = sum((attention_map(s) - attention_map(t)).pow(2).mean() for s, t in zip(s_feats, t_feats))
            loss = F.cross_entropy(logits, y) + self.beta / 2 * at
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()


if __name__ == "__main__":
    tf = torchvision.transforms.ToTensor()
    cifar = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
    loader = torch.utils.data.DataLoader(cifar, batch_size=128, shuffle=True, num_workers=4)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    distiller = Distiller("resnet34_cifar.pth").setup(dev)
    for epoch in range(10):
        distiller.train_epoch(loader)
