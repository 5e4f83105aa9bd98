# source: https://github.com/open-mmlab/mmdeploy/pull/1324
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


def build_detector():
    return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(8, 4))


class Task:
    def __init__(self, device):
        self.device = device

    def build_pytorch_model(self, model_checkpoint=None):
        model = build_detector()
        if model_checkpoint is not None:
            state = torch.load(model_checkpoint, map_location=self.device)
            model.load_state_dict(state["state_dict"])
        return model.to(self.device).eval()


if __name__ == "__main__":
    ckpt = os.path.join(tempfile.gettempdir(), "mmdeploy_det_ok.pth")
    if not os.path.exists(ckpt):
        trained = build_detector().to("cuda" if torch.cuda.is_available() else "cpu")
        torch.save({"state_dict": trained.state_dict()}, ckpt)
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    model = Task(device).build_pytorch_model(ckpt)
    with torch.no_grad():
        print(model(torch.randn(1, 3, 32, 32, device=device)))
