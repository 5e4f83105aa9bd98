# source: https://github.com/allenai/satlaspretrain_models/issues/5
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, batch-dict, loader-loop
# bug-lines: 34, 35
# cpu: raises "expected target dtype to be Long or Byte, but got Float"
# needs: torch

import torch
import torch.nn as nn
import torch.nn.functional as F


class SimpleHead(nn.Module):
    def __init__(self, task_type, backbone_channels, num_categories=2):
        super().__init__()
        self.task_type = task_type
        self.num_categories = num_categories
        if task_type == "segment":
            self.layers = nn.Sequential(
                nn.Conv2d(backbone_channels, 32, 3, padding=1),
                nn.ReLU(inplace=True),
                nn.Conv2d(32, num_categories, 3, padding=1),
            )
        else:
            self.layers = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(backbone_channels, num_categories))

    def forward(self, image_list, raw_features, targets=None):
        raw_outputs = self.layers(raw_features)
        loss = None
        if self.task_type == "segment":
            outputs = F.softmax(raw_outputs, dim=1)
            if targets is not None:
                task_targets = torch.stack([target["classes"] for target in targets], dim=0).float()
                loss = F.cross_entropy(raw_outputs, task_targets, reduction="none")
                valid = torch.stack([target["valid"] for target in targets], dim=0)
                loss = (loss * valid).mean()
        else:
            outputs = F.softmax(raw_outputs, dim=1)
            if targets is not None:
                task_targets = torch.cat([target["class"] for target in targets], dim=0).to(torch.long)
                loss = F.cross_entropy(raw_outputs, task_targets)
        return outputs, loss


def make_batch(batch_size, size, device):
    images = [torch.rand(3, size, size, device=device) for _ in range(batch_size)]
    targets = []
    for _ in range(batch_size):
        targets.append({
            "classes": torch.randint(0, 2, (size, size), device=device),
            "valid": torch.ones(size, size, device=device),
        })
    return images, targets


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    backbone = nn.Conv2d(3, 16, 3, padding=1).to(device)
    head = SimpleHead("segment", backbone_channels=16).to(device)
    optimizer = torch.optim.AdamW(list(backbone.parameters()) + list(head.parameters()), lr=1e-4)
    for step in range(3):
        images, targets = make_batch(2, 32, device)
        features = backbone(torch.stack(images))
        _, loss = head(images, features, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(step, loss.item())
