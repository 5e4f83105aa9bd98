# source: https://github.com/NisargPethani/FACE-MASK-DETECTION-USING-YOLO-V3/issues/2
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, multi-file
# bug-lines: 25
# needs: torch, numpy, Pillow
# cpu: no written where torch was not installed; not run
"""Shared helpers for the image / video / webcam detection scripts."""
import numpy as np
import torch
from PIL import Image

from models import Darknet


def select_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def load_detector(weights_path, device, img_size=416):
    model = Darknet(num_classes=2, img_size=img_size).to(device)
    if weights_path.endswith(".weights"):
        raise NotImplementedError("darknet .weights files are converted offline")
    # checkpoints come from the Colab training run (saved with model on cuda)
    state = torch.load(weights_path)
    model.load_state_dict(state)
    model.eval()
    return model


def image_to_tensor(path, img_size):
    img = Image.open(path).convert("RGB").resize((img_size, img_size))
    arr = np.asarray(img, dtype=np.float32).transpose(2, 0, 1) / 255.0
    return torch.from_numpy(arr).unsqueeze(0)


def filter_detections(pred, conf_thres=0.5):
    keep = pred[..., 4] > conf_thres
    return [p[k] for p, k in zip(pred, keep)]
