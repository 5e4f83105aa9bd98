# source: https://github.com/fupinglee/CalculateCaptcha_Recognition/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch import nn

from dataset import CHARSET, CAPTCHA_LEN


class CaptchaNet(nn.Module):
    """Small CNN that predicts every character of a fixed-length captcha at once."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 128, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d((4, 10)),
        )
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(128 * 4 * 10, 512),
            nn.Dropout(0.3),
            nn.ReLU(),
            nn.Linear(512, CAPTCHA_LEN * len(CHARSET)),
        )

    def forward(self, x):
        return self.head(self.features(x))
