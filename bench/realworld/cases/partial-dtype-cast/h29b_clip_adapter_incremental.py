# source: https://github.com/linlany/RAPF/issues/6
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: partial-dtype-cast
# shape: class, loader-loop
# bug-lines: 21, 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Class-incremental learning: frozen fp16 image tower + a small fp32 adapter per task."""
import copy
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision.models import resnet18


class IncrementalAdapterModel(nn.Module):
    def __init__(self, feat_dim=512, num_classes=10, fp16_backbone=True):
        super().__init__()
        backbone = resnet18(weights=None)
        backbone.fc = nn.Identity()
        self.visual = backbone.half() if fp16_backbone else backbone
        self.adapter = nn.Linear(feat_dim, feat_dim, bias=False)
        self.classifier = nn.Linear(feat_dim, num_classes)
        self.old_adapter = None

    def encode_image(self, image):
        with torch.no_grad():
            return self.visual(image)

    def forward(self, image):
        feats = self.encode_image(image)
        feats = self.adapter(feats.float())
        feats = feats / feats.norm(dim=1, keepdim=True)
        return self.classifier(feats)

    def new_task(self):
        self.old_adapter = copy.deepcopy(self.adapter)


def run_task(model, loader, device, epochs=1):
    params = list(model.adapter.parameters()) + list(model.classifier.parameters())
    opt = torch.optim.SGD(params, lr=0.01)
    for _ in range(epochs):
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            logits = model(images)
            loss = nn.functional.cross_entropy(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = IncrementalAdapterModel().to(device)
    for task_id in range(2):
        x = torch.rand(16, 3, 112, 112)
        y = torch.randint(0, 10, (16,))
        loader = DataLoader(TensorDataset(x, y), batch_size=8)
        print(task_id, run_task(model, loader, device))
        model.new_task()
