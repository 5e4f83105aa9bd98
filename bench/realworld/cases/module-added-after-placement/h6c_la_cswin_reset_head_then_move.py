# source: https://github.com/microsoft/CSWin-Transformer/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# looks-like: module-added-after-placement
# shape: class, loader-loop
# needs: torch, timm
# cpu: no written where torch was not installed; not run
import timm
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class FineTuneWrapper(nn.Module):
    """Backbone with a fresh classifier; an auxiliary head can be attached mid-training."""

    def __init__(self, arch: str, num_classes: int):
        super().__init__()
        self.backbone = timm.create_model(arch, pretrained=True)
        self.backbone.reset_classifier(num_classes)
        self.aux_head = None

    def attach_aux_head(self, num_aux: int):
        ref = self.backbone.get_classifier().weight
        self.aux_head = nn.Linear(self.backbone.num_features, num_aux,
                                  device=ref.device, dtype=ref.dtype)

    def forward(self, x):
        feats = self.backbone.forward_head(self.backbone.forward_features(x), pre_logits=True)
        logits = self.backbone.get_classifier()(feats)
        aux = self.aux_head(feats) if self.aux_head is not None else None
        return logits, aux


def run_epoch(model, loader, optimizer, device):
    model.train()
    for images, labels, coarse in loader:
        images, labels, coarse = images.to(device), labels.to(device), coarse.to(device)
        logits, aux = model(images)
        loss = F.cross_entropy(logits, labels)
        if aux is not None:
            loss = loss + 0.3 * F.cross_entropy(aux, coarse)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FineTuneWrapper("resnet50", num_classes=102)
    model.to(device)

    data = TensorDataset(torch.rand(128, 3, 224, 224), torch.randint(0, 102, (128,)),
                         torch.randint(0, 8, (128,)))
    loader = DataLoader(data, batch_size=16, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(6):
        if epoch == 3:
            model.attach_aux_head(num_aux=8)
            optimizer.add_param_group({"params": model.aux_head.parameters()})
        run_epoch(model, loader, optimizer, device)
