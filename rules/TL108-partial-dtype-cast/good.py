import torch
import torch.nn as nn


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(8, 7)

    def forward(self, images):
        return self.head(self.backbone(images))


def cast_trainable_to_fp32(model):
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.data.to(torch.float32)


# diffusers' LoRA scripts: float32 trainable weights over a float16 base, run under
# autocast, which casts each op's inputs.
def train_with_autocast(device, loader):
    model = Detector().to(device, dtype=torch.float16)
    model.backbone.requires_grad_(False)
    cast_trainable_to_fp32(model)
    for images, target in loader:
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            loss = (model(images.to(device)) - target.to(device)).abs().mean()
        loss.backward()


# Picking by dtype recasts every float16 parameter: the whole model is float32 again.
def upcast_all_half(device, images):
    model = Detector().to(device).half()
    for param in model.parameters():
        if param.dtype == torch.float16:
            param.data = param.data.float()
    return model(images.to(device))


# The caller says not to upcast (prediction): the branch does not run.
def init_adapter(model, is_trainable):
    if is_trainable:
        for param in filter(lambda p: p.requires_grad, model.parameters()):
            param.data = param.data.to(torch.float32)
    return model


def predict(device, images):
    model = Detector().to(device=device, dtype=torch.float16)
    model = init_adapter(model, is_trainable=False)
    with torch.no_grad():
        return model(images.to(device, torch.float16))
