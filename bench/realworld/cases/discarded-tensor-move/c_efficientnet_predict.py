# source: https://github.com/lukemelas/EfficientNet-PyTorch/issues/52
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper
# bug-lines: 42
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
from torch import nn

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)


class TinyEfficientNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), nn.SiLU())
        self.blocks = nn.Sequential(
            nn.Conv2d(16, 16, 3, padding=1, groups=16), nn.BatchNorm2d(16), nn.SiLU(),
            nn.Conv2d(16, 32, 1), nn.BatchNorm2d(32), nn.SiLU())
        self.head = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.mean(dim=(2, 3)))


def load_image(size=224):
    rgb = (np.random.rand(size, size, 3) * 255).astype(np.uint8)
    return rgb


def tfms(rgb):
    img = torch.from_numpy(rgb).permute(2, 0, 1).float() / 255.0
    return (img - MEAN) / STD


def predict(model, rgb, device, topk=5):
    img = tfms(rgb).unsqueeze(0)
    img.to(device)
    model.to(device)
    model.eval()
    with torch.no_grad():
        outputs = model(img)
    probs = torch.softmax(outputs, dim=1)
    top = torch.topk(probs, k=topk).indices.squeeze(0).tolist()
    return top


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = TinyEfficientNet()
    print(predict(model, load_image(), device))
