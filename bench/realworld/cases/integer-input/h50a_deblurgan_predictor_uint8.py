# source: https://github.com/VITA-Group/DeblurGANv2/issues/85
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: class, helper, batch-dict
# bug-lines: 54, 64
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Single-image motion deblurring with an FPN generator (DeblurGAN-v2 style predictor)."""
import glob
import os

import cv2
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class FPNMobileGenerator(nn.Module):
    def __init__(self, ch=64):
        super().__init__()
        self.enc = nn.ModuleList([nn.Conv2d(3, ch, 3, 2, 1), nn.Conv2d(ch, ch * 2, 3, 2, 1),
                                  nn.Conv2d(ch * 2, ch * 4, 3, 2, 1)])
        self.lateral = nn.ModuleList([nn.Conv2d(c, ch, 1) for c in (ch, ch * 2, ch * 4)])
        self.head = nn.Sequential(nn.Conv2d(ch, ch, 3, 1, 1), nn.ReLU(), nn.Conv2d(ch, 3, 3, 1, 1))

    def forward(self, x):
        feats, h = [], x
        for conv in self.enc:
            h = F.relu(conv(h))
            feats.append(h)
        top = self.lateral[2](feats[2])
        for i in (1, 0):
            top = F.interpolate(top, size=feats[i].shape[-2:]) + self.lateral[i](feats[i])
        res = self.head(F.interpolate(top, size=x.shape[-2:]))
        return torch.clamp(x + res, -1, 1)


class Predictor:
    def __init__(self, weights_path, device="cuda"):
        self.device = torch.device(device)
        model = FPNMobileGenerator()
        model.load_state_dict(torch.load(weights_path, map_location="cpu")["model"])
        self.model = model.to(self.device).eval()

    @staticmethod
    def _pad(img, block=32):
        h, w = img.shape[:2]
        ph, pw = (block - h % block) % block, (block - w % block) % block
        return np.pad(img, ((0, ph), (0, pw), (0, 0)), mode="reflect"), h, w

    def _preprocess(self, img):
        padded, h, w = self._pad(img)
        tensor = torch.from_numpy(np.transpose(padded, (2, 0, 1)))[None]
        return {"image": tensor.to(self.device), "h": h, "w": w}

    @staticmethod
    def _postprocess(x):
        return ((x[0].cpu().float().numpy().transpose(1, 2, 0) + 1) / 2.0 * 255.0).astype("uint8")

    def __call__(self, img):
        inputs = self._preprocess(img)
        with torch.no_grad():
            pred = self.model(inputs["image"])
        return self._postprocess(pred)[: inputs["h"], : inputs["w"]]


if __name__ == "__main__":
    predictor = Predictor("fpn_mobilenet.h5")
    os.makedirs("submit", exist_ok=True)
    for path in sorted(glob.glob("test_img/*.png")):
        img = cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2RGB)
        restored = predictor(img)
        cv2.imwrite(os.path.join("submit", os.path.basename(path)),
                    cv2.cvtColor(restored, cv2.COLOR_RGB2BGR))
