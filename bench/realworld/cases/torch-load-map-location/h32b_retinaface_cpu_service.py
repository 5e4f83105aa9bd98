# source: https://github.com/sajjjadayobi/FaceLib/issues/10
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 44
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyRetinaFace(nn.Module):
    """Stripped-down single-level RetinaFace head: box, score and 5-point landmarks."""

    def __init__(self, width=32, num_anchors=2):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, width, 3, stride=2, padding=1), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width * 2, 3, stride=2, padding=1), nn.BatchNorm2d(width * 2), nn.ReLU(inplace=True),
        )
        self.bbox_head = nn.Conv2d(width * 2, num_anchors * 4, 1)
        self.cls_head = nn.Conv2d(width * 2, num_anchors * 2, 1)
        self.ldm_head = nn.Conv2d(width * 2, num_anchors * 10, 1)

    def forward(self, x):
        feat = self.stem(x)
        n = x.shape[0]
        boxes = self.bbox_head(feat).permute(0, 2, 3, 1).reshape(n, -1, 4)
        scores = F.softmax(self.cls_head(feat).permute(0, 2, 3, 1).reshape(n, -1, 2), dim=-1)
        landmarks = self.ldm_head(feat).permute(0, 2, 3, 1).reshape(n, -1, 10)
        return boxes, scores, landmarks


class FaceDetector:
    def __init__(self, weight_path, device="cpu", confidence_threshold=0.9, face_size=(112, 112)):
        self.device = torch.device(device)
        self.confidence_threshold = confidence_threshold
        self.face_size = face_size
        model = TinyRetinaFace()
        # checkpoint was saved from a GPU training run
        model.load_state_dict(torch.load(weight_path))
        model.to(self.device).eval()
        self.model = model
        self.mean = torch.tensor([104.0, 117.0, 123.0], device=self.device).view(1, 3, 1, 1)

    def preprocess(self, image_bgr):
        img = torch.from_numpy(np.ascontiguousarray(image_bgr)).float()
        img = img.permute(2, 0, 1).unsqueeze(0).to(self.device)
        return img - self.mean

    @torch.no_grad()
    def detect_faces(self, image_bgr):
        boxes, scores, landmarks = self.model(self.preprocess(image_bgr))
        keep = scores[0, :, 1] > self.confidence_threshold
        return (boxes[0][keep].cpu().numpy(),
                scores[0, keep, 1].cpu().numpy(),
                landmarks[0][keep].cpu().numpy())


if __name__ == "__main__":
    detector = FaceDetector("weights/mobilenet_retinaface.pth", device="cpu")
    frame = (np.random.rand(480, 640, 3) * 255).astype(np.uint8)
    b, s, l = detector.detect_faces(frame)
    print(f"{len(s)} faces")
