# source: https://github.com/duanzhiihao/RAPiD/issues/44
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# bug-lines: 30, 37, 51
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class TinyRAPiD(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.LeakyReLU(0.1),
            nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), nn.LeakyReLU(0.1),
        )
        self.head = nn.Conv2d(16, 6, 1)

    def forward(self, x):
        return self.head(self.backbone(x)).flatten(2).transpose(1, 2)


class Detector:
    def __init__(self, weights=None, **kwargs):
        model = TinyRAPiD()
        if weights is not None:
            model.load_state_dict(torch.load(weights)["model"])
        total_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
        print("Total number of trainable parameters:", total_params)
        model.eval()
        # smaller model, faster inference
        self.model = model.half()
        self.conf_thres = kwargs.get("conf_thres", 0.3)
        self.input_size = kwargs.get("input_size", 32)

    def detect_one(self, np_img):
        detections = self._predict(np_img)
        return detections[detections[:, 5] >= self.conf_thres]

    def _predict(self, np_img):
        input_ori = torch.from_numpy(np_img).permute(2, 0, 1).float() / 255.0
        input_ = input_ori.unsqueeze(0)
        assert input_.dim() == 4
        input_ = input_.to(device).half()
        with torch.no_grad():
            dts = self.model(input_).float().cpu()
        return dts.squeeze(0)


if __name__ == "__main__":
    detector = Detector(conf_thres=0.0, input_size=32)
    img = (np.random.rand(32, 32, 3) * 255).astype(np.uint8)
    dts = detector.detect_one(img)
    print(dts.shape)
