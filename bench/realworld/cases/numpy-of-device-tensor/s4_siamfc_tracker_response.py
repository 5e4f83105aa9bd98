# source: https://github.com/StrangerZhang/SiamFC-PyTorch/issues/41
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class
# bug-lines: 49
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class SiameseNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 5, stride=2), nn.ReLU(), nn.Conv2d(16, 32, 3))

    def match(self, exemplar, instance):
        return F.conv2d(self.features(instance), exemplar) * 1e-3


class SiamFCTracker:
    def __init__(self, gpu_id=0, upscale=4):
        self.device = torch.device(f"cuda:{gpu_id}" if torch.cuda.is_available() else "cpu")
        self.model = SiameseNet().to(self.device).eval()
        self.upscale = upscale

    def _crop(self, frame, center, size):
        cy, cx = center
        half = size // 2
        padded = np.pad(frame, ((half, half), (half, half), (0, 0)), mode="edge")
        return padded[cy:cy + size, cx:cx + size]

    def _to_tensor(self, patch):
        t = torch.from_numpy(patch.astype(np.float32)).permute(2, 0, 1).unsqueeze(0)
        return t.to(self.device)

    def init(self, frame, bbox):
        y, x, h, w = bbox
        self.center = (y + h // 2, x + w // 2)
        with torch.no_grad():
            self.exemplar = self.model.features(self._to_tensor(self._crop(frame, self.center, 31)))

    def update(self, frame):
        with torch.no_grad():
            instance = self._to_tensor(self._crop(frame, self.center, 63))
            response = self.model.match(self.exemplar, instance).squeeze()
        response = np.asarray(response)
        response = np.kron(response, np.ones((self.upscale, self.upscale)))
        dy, dx = np.unravel_index(response.argmax(), response.shape)
        shift = np.array([dy, dx]) / self.upscale - np.array(response.shape) / (2 * self.upscale)
        self.center = (int(self.center[0] + shift[0]), int(self.center[1] + shift[1]))
        return self.center


if __name__ == "__main__":
    frames = np.random.randint(0, 255, (3, 120, 160, 3), dtype=np.uint8)
    tracker = SiamFCTracker()
    tracker.init(frames[0], (40, 60, 30, 30))
    for frame in frames[1:]:
        print(tracker.update(frame))
