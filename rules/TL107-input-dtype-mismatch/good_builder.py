import numpy as np
import torch
from torch import nn

MEAN = (0.481, 0.458, 0.408)


class ImageEncoder(nn.Module):
    def __init__(self, width=16, dim=8):
        super().__init__()
        self.patch = nn.Conv2d(3, width, kernel_size=4, stride=4)
        self.proj = nn.Linear(width, dim)

    def forward(self, image):
        return self.proj(self.patch(image).flatten(2).mean(-1))


def create_model_and_transforms(precision="fp32", device="cpu"):
    model = ImageEncoder().to(device)
    if precision == "fp16":
        model = model.half()
    mean = torch.tensor(MEAN).view(3, 1, 1)

    def preprocess(pixels):
        return torch.from_numpy(pixels).permute(2, 0, 1).float() / 255.0 - mean

    return model, preprocess


# The precision asked for is float32: the model and the pixels agree.
def embed(device):
    model, preprocess = create_model_and_transforms(precision="fp32", device=device)
    pixels = np.zeros((32, 32, 3), dtype=np.uint8)
    return model(preprocess(pixels).unsqueeze(0).to(device))


# Half, and the pixels cast to the model's dtype where they are moved.
def embed_half(device):
    model, preprocess = create_model_and_transforms(precision="fp16", device=device)
    pixels = np.zeros((32, 32, 3), dtype=np.uint8)
    return model(preprocess(pixels).unsqueeze(0).to(device, dtype=torch.float16))
