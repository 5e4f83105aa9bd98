# source: https://github.com/tanreinama/OCR_Japanease/issues/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 45, 51
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Character-box detector (CenterNet-style heatmaps) and single-character classifier for Japanese OCR."""
import torch
import torch.nn as nn
from torchvision.models import resnet18, resnet34


class CharDetector(nn.Module):
    """Predicts a center heatmap, box size and a line-separator map at stride 4."""

    def __init__(self):
        super().__init__()
        backbone = resnet34(weights=None)
        self.encoder = nn.Sequential(*list(backbone.children())[:-2])
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(512, 256, 4, 2, 1), nn.ReLU(inplace=True),
            nn.ConvTranspose2d(256, 128, 4, 2, 1), nn.ReLU(inplace=True),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.ReLU(inplace=True),
        )
        self.heads = nn.Conv2d(64, 1 + 2 + 1, 1)

    def forward(self, x):
        out = self.heads(self.decoder(self.encoder(x)))
        return torch.sigmoid(out[:, :1]), out[:, 1:3], torch.sigmoid(out[:, 3:])


class CharClassifier(nn.Module):
    def __init__(self, num_chars=3107):
        super().__init__()
        self.net = resnet18(weights=None, num_classes=num_chars)
        self.net.conv1 = nn.Conv2d(1, 64, 7, 2, 3, bias=False)

    def forward(self, crops):
        return self.net(crops)


def load_detector(det_model, device):
    model = CharDetector()
    model.load_state_dict(torch.load(det_model))
    return model.to(device).eval()


def load_classifier(cls_model, device):
    model = CharClassifier()
    model.load_state_dict(torch.load(cls_model))
    return model.to(device).eval()
