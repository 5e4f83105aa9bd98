# source: https://github.com/zhang-can/ECO-pytorch/issues/51
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""R(2+1)D-style clip classifier for isolated sign recognition (WLASL-like glosses)."""
import torch
import torch.nn as nn


class Conv2Plus1D(nn.Sequential):
    def __init__(self, cin, cout, mid, stride=1):
        super().__init__(
            nn.Conv3d(cin, mid, (1, 3, 3), (1, stride, stride), (0, 1, 1), bias=False),
            nn.BatchNorm3d(mid), nn.ReLU(inplace=True),
            nn.Conv3d(mid, cout, (3, 1, 1), (stride, 1, 1), (1, 0, 0), bias=False),
            nn.BatchNorm3d(cout), nn.ReLU(inplace=True),
        )


class SignClipNet(nn.Module):
    def __init__(self, num_glosses=2000, width=64, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            Conv2Plus1D(3, width, 45, stride=1),
            Conv2Plus1D(width, 2 * width, 96, stride=2),
            Conv2Plus1D(2 * width, 4 * width, 192, stride=2),
            nn.AdaptiveAvgPool3d(1),
        )
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(4 * width, num_glosses)

    def forward(self, clips):  # [B, 3, T, H, W]
        return self.fc(self.dropout(self.features(clips).flatten(1)))


def build_model(num_glosses, checkpoint=None):
    model = SignClipNet(num_glosses=num_glosses)
    if checkpoint:
        state = torch.load(checkpoint, map_location="cpu")
        model.load_state_dict(state.get("state_dict", state))
    return model
