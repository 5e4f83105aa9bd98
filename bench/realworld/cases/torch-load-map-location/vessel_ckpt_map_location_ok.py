# source: https://github.com/agaldran/a_v_uncertain/issues/8
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class SmallUNet(nn.Module):
    def __init__(self, in_c=3, n_classes=4, width=16):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(in_c, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.mid = nn.Sequential(nn.Conv2d(width, width * 2, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(width * 2, width, 2, stride=2)
        self.out = nn.Conv2d(width, n_classes, 1)

    def forward(self, x):
        return self.out(self.up(self.mid(self.down(x))))


def get_device():
    return torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def load_model(path_to_check_point, device):
    model = SmallUNet()
    checkpoint = torch.load(path_to_check_point, map_location=torch.device("cpu"))
    model.load_state_dict(checkpoint["model_state_dict"])
    return model.to(device).eval()


def predict(model, image, device):
    with torch.no_grad():
        logits = model(image.unsqueeze(0).to(device))
        return logits.softmax(dim=1).argmax(dim=1).squeeze(0).cpu()


if __name__ == "__main__":
    ckpt = os.path.join(tempfile.mkdtemp(), "model_checkpoint.pth")
    torch.save({"model_state_dict": SmallUNet().state_dict(), "best_auc": 0.97}, ckpt)
    dev = get_device()
    net = load_model(ckpt, dev)
    print(predict(net, torch.rand(3, 64, 64), dev).shape)
