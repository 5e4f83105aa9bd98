# source: https://github.com/we0091234/Car_recognition/issues/3
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 40
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run

import argparse

import cv2
import numpy as np
import torch
import torch.nn as nn

COLORS = ["black", "blue", "brown", "green", "grey", "orange", "pink", "purple", "red", "white", "yellow"]
MEAN, STD = 0.588, 0.193


class ColorNet(nn.Module):
    def __init__(self, cfg, num_classes):
        super().__init__()
        layers, in_ch = [], 3
        for v in cfg:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(in_ch, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                in_ch = v
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(in_ch, num_classes)

    def forward(self, x):
        x = self.pool(self.features(x)).flatten(1)
        return self.classifier(x)


def init_car_rec_model(model_path, device):
    check_point = torch.load(model_path)
    cfg = check_point["cfg"]
    model = ColorNet(cfg=cfg, num_classes=len(COLORS))
    model.load_state_dict(check_point["state_dict"])
    model.to(device)
    model.eval()
    return model


def preprocess(img, size=(64, 64)):
    img = cv2.resize(img, size).astype(np.float32)
    img = (img / 255.0 - MEAN) / STD
    return torch.from_numpy(img.transpose(2, 0, 1)).unsqueeze(0)


def get_car_color(img, model, device):
    tensor = preprocess(img).to(device)
    with torch.no_grad():
        probs = torch.softmax(model(tensor), dim=1)[0]
    idx = int(probs.argmax())
    return COLORS[idx], float(probs[idx])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="weights/car_rec_color.pth")
    parser.add_argument("--image", required=True)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = init_car_rec_model(args.weights, device)
    image = cv2.imread(args.image)
    color, conf = get_car_color(image, model, device)
    print(f"{args.image}: {color} ({conf:.2f})")
