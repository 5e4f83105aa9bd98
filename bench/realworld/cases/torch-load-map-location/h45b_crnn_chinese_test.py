# source: https://github.com/Sierkinhane/CRNN_Chinese_Characters_Rec/issues/154
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# bug-lines: 38
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import argparse

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


class CRNN(nn.Module):
    def __init__(self, n_class, nh=256):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 64, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(64, 128, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(128, 256, 3, 1, 1), nn.BatchNorm2d(256), nn.ReLU(True),
            nn.MaxPool2d((2, 2), (2, 1), (0, 1)),
            nn.Conv2d(256, 512, 3, 1, 1), nn.BatchNorm2d(512), nn.ReLU(True),
            nn.AdaptiveAvgPool2d((1, None)),
        )
        self.rnn = nn.LSTM(512, nh, bidirectional=True)
        self.embedding = nn.Linear(nh * 2, n_class)

    def forward(self, x):
        conv = self.cnn(x).squeeze(2).permute(2, 0, 1)
        recurrent, _ = self.rnn(conv)
        return self.embedding(recurrent)


def load_recognizer(weights_path, n_class, device):
    model = CRNN(n_class)
    model.load_state_dict(torch.load(weights_path))
    return model.to(device).eval()


def preprocess(image_path, device, height=32, width=160):
    img = Image.open(image_path).convert("L").resize((width, height), Image.BILINEAR)
    arr = (np.asarray(img, dtype=np.float32) / 255.0 - 0.588) / 0.193
    return torch.from_numpy(arr)[None, None].to(device)


def greedy_decode(preds, alphabet):
    idx = preds.argmax(2).squeeze(1).tolist()
    chars, prev = [], 0
    for i in idx:
        if i != 0 and i != prev:
            chars.append(alphabet[i - 1])
        prev = i
    return "".join(chars)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--image", default="images/test.png")
    parser.add_argument("--weights", default="output/checkpoints/mixed_second_finetune_acc_97P7.pth")
    parser.add_argument("--alphabet", default="lib/config/char_std_5990.txt")
    args = parser.parse_args()

    with open(args.alphabet, encoding="utf-8") as f:
        alphabet = "".join(line.strip() for line in f)
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = load_recognizer(args.weights, len(alphabet) + 1, device)
    with torch.no_grad():
        preds = model(preprocess(args.image, device))
    print("results: {}".format(greedy_decode(preds, alphabet)))
