# source: https://github.com/clovaai/deep-text-recognition-benchmark/pull/108
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: top-level, loader-loop
# bug-lines: 70
# needs: torch, torchvision, pillow
# cpu: no written where torch was not installed; not run
"""Run a trained scene-text recognizer (CRNN + CTC) over a folder of word crops."""
import argparse
import os

import torch
import torch.nn as nn
import torch.utils.data
import torchvision.transforms as T
from PIL import Image

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class CRNN(nn.Module):
    def __init__(self, num_class, hidden=256):
        super().__init__()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 64, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(64, 128, 3, 1, 1), nn.ReLU(True), nn.MaxPool2d(2, 2),
            nn.Conv2d(128, 256, 3, 1, 1), nn.BatchNorm2d(256), nn.ReLU(True),
            nn.AdaptiveAvgPool2d((1, None)),
        )
        self.rnn = nn.LSTM(256, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(hidden * 2, num_class)

    def forward(self, x):
        feat = self.cnn(x).squeeze(2).permute(0, 2, 1)
        out, _ = self.rnn(feat)
        return self.fc(out)


class WordCrops(torch.utils.data.Dataset):
    def __init__(self, root, imgH=32, imgW=100):
        self.paths = sorted(os.path.join(root, f) for f in os.listdir(root))
        self.tf = T.Compose([T.Grayscale(), T.Resize((imgH, imgW)), T.ToTensor(), T.Normalize((0.5,), (0.5,))])

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        return self.tf(Image.open(self.paths[idx]).convert("RGB")), self.paths[idx]


def ctc_greedy_decode(indices, charset):
    text, prev = [], 0
    for i in indices:
        if i != 0 and i != prev:
            text.append(charset[i - 1])
        prev = i
    return "".join(text)


parser = argparse.ArgumentParser()
parser.add_argument("--image_folder", required=True)
parser.add_argument("--saved_model", required=True, help="checkpoint saved during GPU training")
parser.add_argument("--character", default="0123456789abcdefghijklmnopqrstuvwxyz")
parser.add_argument("--batch_size", type=int, default=64)
opt = parser.parse_args()

model = CRNN(num_class=len(opt.character) + 1)
model = torch.nn.DataParallel(model).to(device)
print(f"restoring recognizer weights: {opt.saved_model}")
model.load_state_dict(torch.load(opt.saved_model))
model.eval()

loader = torch.utils.data.DataLoader(WordCrops(opt.image_folder), batch_size=opt.batch_size, shuffle=False)
with torch.no_grad():
    for images, paths in loader:
        preds = model(images.to(device)).log_softmax(2)
        best = preds.argmax(2).cpu().tolist()
        for path, seq in zip(paths, best):
            print(f"{path}\t{ctc_greedy_decode(seq, opt.character)}")
