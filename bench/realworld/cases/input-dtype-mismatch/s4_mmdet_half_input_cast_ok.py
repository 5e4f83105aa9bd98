# source: https://github.com/open-mmlab/mmdetection/issues/5182
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


class LayoutNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.head = nn.Conv2d(16, 5, 1)

    def forward(self, x):
        return self.head(torch.relu(self.stem(x)))


class HalfPrecisionDetector:
    """Detector that may run in fp16; inputs follow the weights' dtype."""

    def __init__(self, device, fp16=True):
        self.device = torch.device(device)
        self.model = LayoutNet().to(self.device).eval()
        if fp16:
            self.model.half()

    @property
    def param_dtype(self):
        return next(self.model.parameters()).dtype

    def _preprocess(self, img):
        arr = img.astype(np.float32) / 255.0
        tensor = torch.from_numpy(arr.transpose(2, 0, 1)).unsqueeze(0)
        return tensor.to(device=self.device, dtype=self.param_dtype)

    @torch.no_grad()
    def predict(self, img):
        batch = self._preprocess(img)
        logits = self.model(batch)
        return logits.float().softmax(dim=1)


if __name__ == "__main__":
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    det = HalfPrecisionDetector(dev, fp16=True)
    image = np.random.randint(0, 255, (48, 48, 3), dtype=np.uint8)
    print(det.predict(image).shape)
