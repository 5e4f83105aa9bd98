# source: https://github.com/Sharpiless/Yolov5-deepsort-inference/issues/32
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch
# cpu: clean
"""Person detector + appearance features for a YOLOv5/DeepSORT counting demo; FP16 only on GPU."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def select_device(name=""):
    if name != "cpu" and torch.cuda.is_available():
        return torch.device("cuda:0")
    return torch.device("cpu")


class TinyDetector(nn.Module):
    def __init__(self, nc=1):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.SiLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.SiLU())
        self.det = nn.Conv2d(32, 5 + nc, 1)
        self.emb = nn.Conv2d(32, 64, 1)

    def forward(self, x):
        f = self.body(x)
        return self.det(f), self.emb(f)


class PersonDetector:
    def __init__(self, device_name=""):
        self.device = select_device(device_name)
        self.half = self.device.type != "cpu"  # half precision only supported on CUDA
        self.m = TinyDetector().to(self.device).eval()
        if self.half:
            self.m.half()

    def preprocess(self, img_u8):
        img = torch.from_numpy(img_u8).to(self.device).permute(2, 0, 1)
        img = img.half() if self.half else img.float()
        return (img / 255.0).unsqueeze(0)

    @torch.no_grad()
    def detect(self, img_u8):
        pred, emb = self.m(self.preprocess(img_u8))
        conf = pred[:, 4].sigmoid().flatten(1)
        keep = conf[0] > 0.3
        feats = F.normalize(emb.flatten(2)[0].t()[keep].float(), dim=1)
        return conf[0][keep].float(), feats


def associate(track_feats, det_feats, thresh=0.3):
    if len(track_feats) == 0 or len(det_feats) == 0:
        return []
    cost = torch.cdist(track_feats.float(), det_feats.float())
    return (cost < thresh).nonzero().tolist()


if __name__ == "__main__":
    import numpy as np

    detector = PersonDetector()
    frame = (np.random.rand(256, 256, 3) * 255).astype(np.uint8)
    scores, feats = detector.detect(frame)
    print(len(scores), len(associate(feats[:3], feats)))
