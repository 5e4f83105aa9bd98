# The regressor's weights come from a torchvision trunk kept through a local name and
# from heads a helper of the file builds: it has weights to place, and it is never
# moved, while the frames go to the GPU.
import torch
import torchvision
from torch import nn


def head(out_features):
    return nn.Sequential(nn.Linear(512, 64), nn.ReLU(), nn.Linear(64, out_features))


class PoseRegressor(nn.Module):
    def __init__(self):
        super().__init__()
        trunk = torchvision.models.resnet18(weights=None)
        self.backbone = nn.Sequential(*list(trunk.children())[:-1], nn.Flatten())
        self.position = head(3)

    def forward(self, x):
        return self.position(self.backbone(x))


def predict(frames):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = PoseRegressor().eval()  # expect: TL211:11 lines=28,29
    with torch.no_grad():
        batch = frames.to(device)
        return net(batch)
