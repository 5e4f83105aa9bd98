# source: https://github.com/YuliangXiu/MobilePose/issues/28
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #2 'weight'
# pattern: module-not-placed
# shape: class, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Real-time single-person pose estimation from a webcam with a MobileNetV2 keypoint regressor."""
import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn
import torchvision


class MobilePoseNet(nn.Module):
    def __init__(self, num_keypoints=16):
        super().__init__()
        self.num_keypoints = num_keypoints
        backbone = torchvision.models.mobilenet_v2(weights=None)
        self.features = backbone.features
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1280, num_keypoints * 2))

    def forward(self, x):
        return self.head(self.features(x)).view(-1, self.num_keypoints, 2)


class PoseEstimator:
    def __init__(self, weights, device, input_size=224):
        self.device = device
        self.input_size = input_size
        net = MobilePoseNet()
        net.load_state_dict(torch.load(weights, map_location="cpu"))
        self.net = net.to(device).eval()
        self.mean = torch.tensor([0.485, 0.456, 0.406], device=device).view(1, 3, 1, 1)
        self.std = torch.tensor([0.229, 0.224, 0.225], device=device).view(1, 3, 1, 1)

    def preprocess(self, frame):
        img = cv2.resize(frame, (self.input_size, self.input_size))[:, :, ::-1].copy()
        image = torch.from_numpy(img).permute(2, 0, 1).float().div(255.0).unsqueeze(0)
        return (image.to(self.device) - self.mean) / self.std

    @torch.no_grad()
    def __call__(self, frame):
        keypoints = self.net(self.preprocess(frame))
        keypoints = keypoints[0].detach().cpu().numpy()
        h, w = frame.shape[:2]
        return (keypoints + 0.5) * np.array([w, h])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="models/mobilenetv2_224_adam_best.t7")
    parser.add_argument("--camera", type=int, default=0)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    estimator = PoseEstimator(args.weights, device)
    cap = cv2.VideoCapture(args.camera)
    while cap.isOpened():
        ok, frame = cap.read()
        if not ok:
            break
        for x, y in estimator(frame).astype(int):
            cv2.circle(frame, (int(x), int(y)), 3, (0, 255, 0), -1)
        cv2.imshow("MobilePose", frame)
        if cv2.waitKey(1) & 0xFF == 27:
            break
    cap.release()


if __name__ == "__main__":
    main()
