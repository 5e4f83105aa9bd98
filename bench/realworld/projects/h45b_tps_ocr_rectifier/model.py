# source: https://github.com/parksunwoo/ocr_kor/issues/19
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument tensors in method wrapper_CUDA_cat)
# pattern: tensor-created-without-device
# shape: multi-file, class, helper, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from transformation import TPSRectifier


class TPSResNetBiLSTMCTC(nn.Module):
    def __init__(self, num_class, img_hw=(32, 100), hidden=256):
        super().__init__()
        self.transformation = TPSRectifier(n_fiducial=20, out_hw=img_hw, in_ch=1)
        self.features = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(True), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(True), nn.MaxPool2d(2),
            nn.Conv2d(128, 256, 3, padding=1), nn.BatchNorm2d(256), nn.ReLU(True),
            nn.MaxPool2d((2, 1)), nn.AdaptiveAvgPool2d((1, None)),
        )
        self.sequence = nn.LSTM(256, hidden, bidirectional=True, batch_first=True)
        self.prediction = nn.Linear(hidden * 2, num_class)

    def forward(self, image):
        rectified = self.transformation(image)
        visual = self.features(rectified).squeeze(2).permute(0, 2, 1)
        contextual, _ = self.sequence(visual)
        return self.prediction(contextual)
