import numpy as np
import torch
from torch import nn

MEAN = (0.481, 0.458, 0.408)
STD = (0.269, 0.261, 0.276)


class ImageEncoder(nn.Module):
    def __init__(self, width=16, dim=8):
        super().__init__()
        self.patch = nn.Conv2d(3, width, kernel_size=4, stride=4)
        self.proj = nn.Linear(width, dim)

    def forward(self, image):
        return self.proj(self.patch(image).flatten(2).mean(-1))


def create_model_and_transforms(precision="fp32", device="cpu"):
    """As open_clip's: the model in the precision asked for, and its preprocessing."""
    model = ImageEncoder().to(device)
    if precision == "fp16":
        model = model.half()
    mean = torch.tensor(MEAN).view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1)

    def preprocess(pixels):
        # float32 whatever the model's precision: the closure knows nothing of it.
        t = torch.from_numpy(pixels).permute(2, 0, 1).float() / 255.0
        return (t - mean) / std

    return model, preprocess


def embed(device):
    model, preprocess = create_model_and_transforms(precision="fp16", device=device)
    pixels = np.zeros((32, 32, 3), dtype=np.uint8)
    image = preprocess(pixels).unsqueeze(0).to(device)  # expect: TL107:13 lines=30,39,16,23
    return model(image)
