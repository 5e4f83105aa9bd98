# source: https://github.com/Deci-AI/super-gradients/issues/1073
# error: RuntimeError: Input type (unsigned char) and bias type (float) should be the same
# pattern: input-dtype-mismatch
# shape: class, helper
# bug-lines: 20, 31, 42
# cpu: raises "Input type (unsigned char) and bias type (float) should be the same"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def load_image(path, size=64):
    rng = np.random.default_rng(len(path))
    return rng.integers(0, 256, size=(size, size, 3), dtype=np.uint8)


def to_batch(image):
    tensor = torch.from_numpy(image).permute(2, 0, 1).contiguous()
    return tensor.unsqueeze(0)


class TinyDetector(nn.Module):
    def __init__(self, num_classes=3):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.head = nn.Conv2d(16, 4 + num_classes, 1)

    def forward(self, x):
        return self.head(F.relu(self.stem(x)))


class Predictor:
    def __init__(self, model, device):
        self.device = device
        self.model = model.to(device).eval()

    @torch.no_grad()
    def predict(self, image_path):
        batch = to_batch(load_image(image_path)).to(self.device)
        preds = self.model(batch)
        boxes, scores = preds[:, :4], preds[:, 4:].softmax(1)
        return boxes, scores


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
best_model = Predictor(TinyDetector(), device)
boxes, scores = best_model.predict("08927.jpg")
print(boxes.shape, scores.shape)
