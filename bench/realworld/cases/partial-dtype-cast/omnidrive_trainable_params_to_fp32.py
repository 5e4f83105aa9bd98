# source: https://github.com/NVlabs/OmniDrive/issues/103
# error: RuntimeError: expected scalar type Half but found Float
# pattern: partial-dtype-cast
# shape: helper, loader-loop
# bug-lines: 31
# cpu: raises "mat1 and mat2 must have the same dtype"
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.img_backbone = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU(),
                                          nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.pts_bbox_head = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 7))

    def forward(self, img):
        return self.pts_bbox_head(self.img_backbone(img))


def freeze_backbone(model):
    for p in model.img_backbone.parameters():
        p.requires_grad = False


def cast_trainable_to_fp32(model):
    for param in filter(lambda p: p.requires_grad, model.parameters()):
        param.data = param.data.to(torch.float32)


def build(device):
    model = Detector().to(device)
    model.half()
    freeze_backbone(model)
    cast_trainable_to_fp32(model)
    return model


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = build(device)
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    data = TensorDataset(torch.rand(8, 3, 16, 16), torch.rand(8, 7))
    for img, target in DataLoader(data, batch_size=4):
        img, target = img.to(device).half(), target.to(device)
        loss = nn.functional.l1_loss(model(img).float(), target)
        loss.backward()
        optim.step()
        optim.zero_grad()
        print(loss.item())
