# scikit-image converts the 8-bit pixels of a PIL image to float64 (`rgb2hsv`,
# `img_as_float`), and pandas reads an HDF5 table of readings as float64: the
# tensors made of them reach float32 layers (standardizing keeps the readings float64).
import numpy as np
import pandas as pd
import torch
from PIL import Image
from skimage import color
from skimage.util import img_as_float
from torch import nn


def hsv_tensor(path):
    rgb = np.asarray(Image.open(path).convert("RGB"))
    return torch.from_numpy(color.rgb2hsv(rgb)).permute(2, 0, 1)  # expect: TL105:12 lines=36


def gray_tensor(path):
    pixels = np.asarray(Image.open(path).convert("L"))
    return torch.from_numpy(img_as_float(pixels))[None]  # expect: TL105:12 lines=38


def sensor_windows(store):
    frame = pd.read_hdf(store, "readings").replace(-1.0, np.nan).interpolate()
    values = frame.values[-48:]
    return torch.tensor((values - values.mean()) / values.std())  # expect: TL105:12 lines=40


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
