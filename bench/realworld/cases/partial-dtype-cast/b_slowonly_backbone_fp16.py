# source: https://github.com/open-mmlab/mmaction2/issues/1315
# error: RuntimeError: expected scalar type Float but found Half
# pattern: partial-dtype-cast
# shape: class, helper, loader-loop
# bug-lines: 43, 48
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class ResNet3dSlowOnly(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.conv1 = nn.Conv3d(3, ch, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1))
        self.layer1 = nn.Conv3d(ch, 2 * ch, (3, 3, 3), padding=1)

    def forward(self, x):
        return torch.relu(self.layer1(torch.relu(self.conv1(x))))


class I3DHead(nn.Module):
    def __init__(self, in_channels=16, num_classes=5):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool3d(1)
        self.fc_cls = nn.Linear(in_channels, num_classes)

    def forward(self, x):
        return self.fc_cls(self.avg_pool(x).flatten(1))


class Recognizer3D(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = ResNet3dSlowOnly()
        self.cls_head = I3DHead()
        self.fp16_enabled = False

    def forward_train(self, imgs, labels):
        if self.fp16_enabled:
            imgs = imgs.half()
        cls_score = self.cls_head(self.backbone(imgs))
        return nn.functional.cross_entropy(cls_score.float(), labels)


def wrap_fp16_model(model):
    model.backbone.half()
    model.fp16_enabled = True


def train_model(model, loader, device, epochs=1):
    model.to(device)
    wrap_fp16_model(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for epoch in range(epochs):
        for imgs, labels in loader:
            imgs, labels = imgs.to(device), labels.to(device)
            loss = model.forward_train(imgs, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            print(epoch, loss.item())


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    clips = torch.randn(8, 3, 4, 16, 16)
    labels = torch.randint(0, 5, (8,))
    loader = DataLoader(TensorDataset(clips, labels), batch_size=4)
    train_model(Recognizer3D(), loader, device)
