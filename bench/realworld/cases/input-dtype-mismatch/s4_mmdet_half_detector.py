# source: https://github.com/open-mmlab/mmdetection/issues/5182
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class
# bug-lines: 41, 48, 53
# cpu: raises "Input type (float) and bias type (c10::Half)"
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn


class TableStructureNet(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.cls = nn.Conv2d(32, num_classes, 1)

    def forward(self, img):
        return self.cls(self.backbone(img))


def init_detector(checkpoint=None, device="cuda"):
    model = TableStructureNet()
    if checkpoint is not None:
        model.load_state_dict(torch.load(checkpoint, map_location=device))
    return model.to(device).eval()


class TableDetector:
    def __init__(self, checkpoint=None, device="cuda", fp16=False):
        self.device = torch.device(device)
        self.model = init_detector(checkpoint, device=device)
        if fp16:
            # "reduce memory usage with fp16"
            self.model.half()
        self.mean = np.array([123.675, 116.28, 103.53], dtype=np.float32)
        self.std = np.array([58.395, 57.12, 57.375], dtype=np.float32)

    def _preprocess(self, img):
        img = (img.astype(np.float32) - self.mean) / self.std
        tensor = torch.from_numpy(img.transpose(2, 0, 1)).unsqueeze(0)
        return tensor.to(self.device)

    @torch.no_grad()
    def inference(self, img):
        data = self._preprocess(img)
        return self.model(data)

    def __call__(self, img, score_thr=0.85):
        scores = self.inference(img).sigmoid()
        return (scores > score_thr).sum().item()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--fp16", action="store_true", default=True)
    args = p.parse_args([])
    det = TableDetector(device=args.device, fp16=args.fp16)
    demo = np.random.randint(0, 255, (64, 64, 3), dtype=np.uint8)
    print(det(demo))
