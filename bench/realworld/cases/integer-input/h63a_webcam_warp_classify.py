# source: https://github.com/fastai/fastai/issues/1965
# error: RuntimeError: grid_sampler(): expected input and grid to have same dtype, but input has unsigned char and grid has float
# pattern: integer-input
# shape: helper, top-level
# bug-lines: 24, 37
# needs: torch, torchvision, opencv-python, numpy
# cpu: no written where torch was not installed; not run
"""Real-time hand-sign classifier: grab webcam frames, warp/crop, classify."""
import math

import cv2
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import models

CLASSES = ["fist", "open", "peace", "thumbs_up"]
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def frame_to_tensor(frame_bgr, device):
    rgb = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2RGB)
    t = torch.from_numpy(rgb).permute(2, 0, 1).unsqueeze(0)
    return t.to(device)


def center_warp(img, out_size=224, zoom=0.8, angle_deg=0.0):
    n, c = img.shape[:2]
    a = math.radians(angle_deg)
    theta = torch.tensor(
        [[zoom * math.cos(a), -zoom * math.sin(a), 0.0],
         [zoom * math.sin(a), zoom * math.cos(a), 0.0]],
        dtype=torch.float32, device=img.device,
    ).unsqueeze(0).repeat(n, 1, 1)
    grid = F.affine_grid(theta, (n, c, out_size, out_size), align_corners=False)
    return F.grid_sample(img, grid, mode="bilinear", align_corners=False)


def normalize(img):
    img = img / 255.0
    return (img - MEAN.to(img.device)) / STD.to(img.device)


def build_model(weights_path, device):
    net = models.resnet18(weights=None)
    net.fc = nn.Linear(net.fc.in_features, len(CLASSES))
    net.load_state_dict(torch.load(weights_path, map_location="cpu"))
    return net.to(device).eval()


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = build_model("hand_signs_resnet18.pth", device)
cap = cv2.VideoCapture(0)

with torch.no_grad():
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        x = frame_to_tensor(frame, device)
        x = normalize(center_warp(x, angle_deg=0.0))
        probs = model(x).softmax(dim=1)[0]
        idx = int(probs.argmax())
        cv2.putText(frame, f"{CLASSES[idx]} {probs[idx]:.2f}", (10, 30),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.0, (0, 255, 0), 2)
        cv2.imshow("signs", frame)
        if cv2.waitKey(1) & 0xFF == ord("q"):
            break

cap.release()
cv2.destroyAllWindows()
