# The float64 that scikit-image makes of 8-bit pixels, and pandas of an HDF5 table,
# is converted to float32 before the tensors reach the float32 layers.
import numpy as np
import pandas as pd
import torch
from PIL import Image
from skimage import color
from skimage.util import img_as_float
from torch import nn


def hsv_tensor(path):
    rgb = np.asarray(Image.open(path).convert("RGB"))
    return torch.from_numpy(color.rgb2hsv(rgb)).float().permute(2, 0, 1)


def gray_tensor(path):
    pixels = np.asarray(Image.open(path).convert("L"))
    return torch.from_numpy(img_as_float(pixels).astype(np.float32))[None]


def sensor_windows(store):
    frame = pd.read_hdf(store, "readings").replace(-1.0, np.nan).interpolate()
    values = frame.values[-48:]
    return torch.tensor((values - values.mean()) / values.std(), dtype=torch.float32)


def predict(paths, store):
    device = torch.device("cuda")
    net = nn.Conv2d(3, 8, 3).to(device)
    gray_net = nn.Conv2d(1, 8, 3).to(device)
    forecaster = nn.GRU(16, 32, batch_first=True).to(device)
    for path in paths:
        hsv = hsv_tensor(path).unsqueeze(0).to(device)
        net(hsv)
        gray = gray_tensor(path).unsqueeze(0).to(device)
        gray_net(gray)
    history = sensor_windows(store).unsqueeze(0).to(device)
    return forecaster(history)
