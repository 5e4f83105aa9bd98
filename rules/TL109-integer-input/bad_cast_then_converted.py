import numpy as np
import torch
from torch import nn


def quantize(wave, levels=127):
    # 8-bit codes, decided here
    return np.clip(np.round(wave * levels), -levels, levels).astype(np.int8)


class CodeClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(1, 16, 5, padding=2)
        self.head = nn.Linear(16, 4)

    def forward(self, codes):
        return self.head(self.conv(codes).mean(-1))


def classify(model, wave):
    codes = quantize(wave)
    # reported where the int8 codes enter torch, the line to convert them
    batch = torch.from_numpy(codes)[None, None]  # expect: TL109:13 lines=26,18
    with torch.no_grad():
        return model(batch).argmax(-1)

if __name__ == "__main__":
    print(classify(CodeClassifier(), np.sin(np.linspace(0, 20, 400))))
