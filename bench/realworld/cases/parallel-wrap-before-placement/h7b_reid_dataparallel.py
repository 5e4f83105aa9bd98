# source: https://github.com/kennethwdk/MLCReID/issues/5
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, class
# bug-lines: 35, 43
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torch.utils.data import DataLoader, TensorDataset


class ReIDNet(nn.Module):
    def __init__(self, num_classes, feat_dim=2048):
        super().__init__()
        backbone = torchvision.models.resnet50(weights=None)
        backbone.fc = nn.Identity()
        self.backbone = backbone
        self.bnneck = nn.BatchNorm1d(feat_dim)
        self.classifier = nn.Linear(feat_dim, num_classes, bias=False)

    def forward(self, x):
        feat = self.backbone(x)
        logits = self.classifier(self.bnneck(feat))
        return F.normalize(feat, dim=1), logits


def build_model(num_classes, resume=None):
    model = ReIDNet(num_classes)
    if resume is not None:
        state = torch.load(resume, map_location="cpu")
        model.load_state_dict(state["state_dict"])
    model = nn.DataParallel(model)
    return model


def train_epoch(model, loader, optimizer, epoch):
    model.train()
    for i, (imgs, pids) in enumerate(loader):
        imgs, pids = imgs.cuda(), pids.cuda()
        feats, logits = model(imgs)
        loss = F.cross_entropy(logits, pids)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if i % 20 == 0:
            print("epoch {} iter {} loss {:.3f}".format(epoch, i, loss.item()))


def main():
    num_classes = 751
    images = torch.randn(256, 3, 256, 128)
    pids = torch.randint(0, num_classes, (256,))
    loader = DataLoader(TensorDataset(images, pids), batch_size=32, shuffle=True, drop_last=True)
    model = build_model(num_classes)
    optimizer = torch.optim.Adam(model.parameters(), lr=3.5e-4, weight_decay=5e-4)
    for epoch in range(60):
        train_epoch(model, loader, optimizer, epoch)


if __name__ == "__main__":
    main()
