# source: https://github.com/mindee/doctr/issues/1020
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, top-level
# looks-like: inputs-not-moved
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
"""Run the rotated-page OCR predictor on scanned invoices, on the GPU when present."""
import sys
import string

import numpy as np
import torch
import torch.nn as nn
from PIL import Image

from predictor import RotatedOCRPredictor

VOCAB = string.digits + string.ascii_letters + string.punctuation + " "


class CRNN(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(64, 128, 3, 1, 1), nn.ReLU(), nn.MaxPool2d((4, 1)))
        self.rnn = nn.LSTM(128 * 4, 128, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(256, vocab_size + 1)

    def forward(self, x):
        f = self.cnn(x)
        f = f.permute(0, 3, 1, 2).flatten(2)
        return self.fc(self.rnn(f)[0])


det_model = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 1, 1), nn.Upsample(scale_factor=2))
predictor = RotatedOCRPredictor(det_model, CRNN(len(VOCAB)), VOCAB)
if torch.cuda.is_available():
    predictor = predictor.cuda()

pages = [np.asarray(Image.open(path).convert("RGB")) for path in sys.argv[1:]]
for path, text in zip(sys.argv[1:], predictor(pages)):
    print(path, "->", text)
