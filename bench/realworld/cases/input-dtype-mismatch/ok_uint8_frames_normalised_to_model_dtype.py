# source: https://github.com/Deci-AI/super-gradients/issues/1239
# error: none (correct: uint8 frames are scaled to float and cast to the model's dtype)
# shape: helper, loader-loop
# looks-like: input-dtype-mismatch
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def load_model(device):
    model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.ReLU(),
                          nn.Conv2d(8, 5, 1)).eval().to(device)
    if device.type == "cuda":
        model = model.half()
    return model


def preprocess(frame_bgr, model):
    ref = next(model.parameters())
    img = torch.from_numpy(np.ascontiguousarray(frame_bgr[..., ::-1])).permute(2, 0, 1)
    img = img.unsqueeze(0).to(ref.device).float().div_(255.0)
    return img.to(ref.dtype)


@torch.no_grad()
def detect(model, frames, conf=0.45):
    for frame in frames:
        preds = model(preprocess(frame, model))
        yield int((preds[:, 4:].sigmoid() > conf).sum())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load_model(device)
    frames = [(np.random.rand(32, 32, 3) * 255).astype(np.uint8) for _ in range(3)]
    print(list(detect(model, frames)))
