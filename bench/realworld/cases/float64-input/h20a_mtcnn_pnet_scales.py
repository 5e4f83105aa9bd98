# source: https://github.com/kuaikuaikim/dface/issues/33
# error: RuntimeError: Expected object of scalar type Double but got scalar type Float for argument #2 'weight'
# pattern: float64-input
# shape: class, helper
# bug-lines: 62, 63
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import argparse
import numpy as np
import torch
import torch.nn as nn
from PIL import Image


class PNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 10, 3), nn.PReLU(10), nn.MaxPool2d(2, 2, ceil_mode=True),
            nn.Conv2d(10, 16, 3), nn.PReLU(16), nn.Conv2d(16, 32, 3), nn.PReLU(32))
        self.cls_head = nn.Conv2d(32, 1, kernel_size=1)
        self.box_head = nn.Conv2d(32, 4, kernel_size=1)

    def forward(self, x):
        feat = self.body(x)
        return torch.sigmoid(self.cls_head(feat)), self.box_head(feat)


def pyramid_scales(height, width, min_face=24, factor=0.709):
    scale = 12.0 / min_face
    side = min(height, width) * scale
    scales = []
    while side >= 12:
        scales.append(scale)
        scale *= factor
        side *= factor
    return scales


def normalize_patch(img):
    # HWC uint8 -> CHW roughly in [-1, 1]
    return ((img - 127.5) / 128.0).transpose(2, 0, 1)


class FaceDetector:
    def __init__(self, pnet_weights, device="cpu", threshold=0.6):
        self.device = torch.device(device)
        self.pnet = PNet()
        self.pnet.load_state_dict(torch.load(pnet_weights, map_location="cpu"))
        self.pnet.to(self.device).eval()
        self.threshold = threshold

    def _rescale(self, img, scale):
        h, w = img.shape[:2]
        return np.asarray(Image.fromarray(img).resize((int(w * scale), int(h * scale))))

    @torch.no_grad()
    def detect_pnet(self, img):
        boxes = []
        for scale in pyramid_scales(*img.shape[:2]):
            patch = normalize_patch(self._rescale(img, scale))
            feed_imgs = torch.from_numpy(patch).unsqueeze(0).to(self.device)
            cls_map, reg = self.pnet(feed_imgs)
            ys, xs = torch.nonzero(cls_map[0, 0] > self.threshold, as_tuple=True)
            for y, x in zip(ys.tolist(), xs.tolist()):
                score = float(cls_map[0, 0, y, x])
                boxes.append((2 * x / scale, 2 * y / scale, 12 / scale, score))
        return sorted(boxes, key=lambda b: -b[3])[:50]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    parser.add_argument("--pnet", default="model_store/pnet_epoch.pt")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    detector = FaceDetector(args.pnet, device=args.device)
    frame = np.asarray(Image.open(args.image).convert("RGB"))
    for box in detector.detect_pnet(frame):
        print("face at (%.0f, %.0f) size %.0f score %.3f" % box)
