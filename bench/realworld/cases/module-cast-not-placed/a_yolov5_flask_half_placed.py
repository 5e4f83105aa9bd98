# source: https://github.com/NVIDIA/apex/issues/764
# error: none (correct look-alike)
# pattern: module-cast-not-placed
# shape: class
# looks-like: module-cast-not-placed
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def select_device(device=""):
    cuda = device != "cpu" and torch.cuda.is_available()
    return torch.device("cuda:0" if cuda else "cpu")


class TinyYolo(nn.Module):
    def __init__(self, nc=2):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1), nn.BatchNorm2d(8), nn.SiLU(),
                                  nn.Conv2d(8, 16, 3, 2, 1), nn.BatchNorm2d(16), nn.SiLU())
        self.detect = nn.Conv2d(16, 3 * (nc + 5), 1)

    def forward(self, x, augment=False):
        p = self.detect(self.body(x))
        return p.flatten(2).transpose(1, 2), None


class FacecoverDetectModel:
    def __init__(self, weights=None):
        self.device = select_device()
        model = TinyYolo()
        if weights is not None:
            model.load_state_dict(torch.load(weights, map_location=self.device)["model"])
        self.half = self.device.type != "cpu"
        if self.half:
            model.half()
        model = model.to(self.device).eval()
        self.loaded_model = model

    def predict(self, img):
        img = torch.from_numpy(img).to(self.device)
        img = img.permute(2, 0, 1).contiguous()
        img = img.half() if self.half else img.float()  # uint8 to fp16/32
        img /= 255.0
        if img.ndimension() == 3:
            img = img.unsqueeze(0)
        with torch.no_grad():
            preds = self.loaded_model(img, augment=False)[0]
        return preds.float().cpu()


class Camera:
    def __init__(self, model):
        self.model = model

    def get_frame(self):
        frame = (np.random.rand(64, 64, 3) * 255).astype(np.uint8)
        return self.model.predict(frame)


if __name__ == "__main__":
    camera = Camera(FacecoverDetectModel())
    print(camera.get_frame().shape)
