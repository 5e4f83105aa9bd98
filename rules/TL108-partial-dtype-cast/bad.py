import torch
import torch.nn as nn


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(8, 7)

    def forward(self, images):
        return self.head(self.backbone(images))


# OmniDrive: the trainable head is upcast, the frozen backbone stays float16.
def cast_trainable_to_fp32(model):
    for param in filter(lambda p: p.requires_grad, model.parameters()):
        param.data = param.data.to(torch.float32)  # expect: TL108:9 lines=23,27


def train(device, loader):
    model = Detector().to(device)
    model.half()
    model.backbone.requires_grad_(False)
    cast_trainable_to_fp32(model)
    for images, target in loader:
        loss = (model(images.to(device).half()).float() - target.to(device)).abs().mean()
        loss.backward()


# LLaMA-Factory: the `modules_to_save` are upcast by name, then used to predict.
def predict(device, input_ids):
    model = Detector().to(device=device, dtype=torch.bfloat16)
    for name, param in model.named_parameters():
        if name.startswith("head."):
            param.data = param.data.float()  # expect: TL108:13 lines=33,38
    with torch.no_grad():
        return model(input_ids)
