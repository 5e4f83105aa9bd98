# source: https://github.com/Hzzone/pytorch-openpose/issues/8
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 57
# needs: torch, numpy, opencv-python, scipy
# cpu: no written where torch was not installed; not run
"""Multi-scale 21-keypoint hand estimator (OpenPose-style heatmaps)."""
import cv2
import numpy as np
import torch
from scipy.ndimage import gaussian_filter
from torch import nn


class HandPoseNet(nn.Module):
    def __init__(self, num_parts=22):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
        )
        self.head = nn.Conv2d(256, num_parts, 1)

    def forward(self, x):
        return self.head(self.features(x))


def pad_to_stride(img, stride=8, pad_value=128):
    h, w = img.shape[:2]
    pad_h, pad_w = (-h) % stride, (-w) % stride
    padded = cv2.copyMakeBorder(img, 0, pad_h, 0, pad_w, cv2.BORDER_CONSTANT, value=(pad_value,) * 3)
    return padded, (pad_h, pad_w)


class HandKeypointEstimator:
    def __init__(self, weights_path, scales=(0.5, 1.0, 1.5, 2.0), box_size=368, stride=8):
        self.model = HandPoseNet()
        self.model.load_state_dict(torch.load(weights_path, map_location="cpu"))
        self.model.eval()
        if torch.cuda.is_available():
            self.model = self.model.cuda()
        self.scales, self.box_size, self.stride = scales, box_size, stride

    def __call__(self, image_bgr):
        h, w = image_bgr.shape[:2]
        heatmap_avg = np.zeros((h, w, 22), dtype=np.float32)
        for scale in self.scales:
            factor = scale * self.box_size / h
            resized = cv2.resize(image_bgr, (0, 0), fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
            padded, (pad_h, pad_w) = pad_to_stride(resized, self.stride)
            data = torch.from_numpy(padded.transpose(2, 0, 1)[None].astype(np.float32) / 256 - 0.5)
            if torch.cuda.is_available():
                data = data.cuda()
            with torch.no_grad():
                output = self.model(data).numpy()
            heatmap = np.transpose(np.squeeze(output), (1, 2, 0))
            heatmap = cv2.resize(heatmap, (0, 0), fx=self.stride, fy=self.stride, interpolation=cv2.INTER_CUBIC)
            heatmap = heatmap[: padded.shape[0] - pad_h, : padded.shape[1] - pad_w]
            heatmap_avg += cv2.resize(heatmap, (w, h), interpolation=cv2.INTER_CUBIC) / len(self.scales)

        peaks = []
        for part in range(21):
            smoothed = gaussian_filter(heatmap_avg[:, :, part], sigma=3)
            y, x = np.unravel_index(smoothed.argmax(), smoothed.shape)
            peaks.append((int(x), int(y), float(smoothed[y, x])))
        return peaks


if __name__ == "__main__":
    estimator = HandKeypointEstimator("model/hand_pose_model.pth")
    frame = cv2.imread("images/hand.jpg")
    for idx, (x, y, score) in enumerate(estimator(frame)):
        print(f"keypoint {idx:2d}: ({x}, {y}) score={score:.3f}")
