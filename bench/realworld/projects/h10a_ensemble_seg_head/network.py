# source: https://github.com/fideus-labs/KonfAI/pull/26
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-added-after-placement
# shape: multi-file, class
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def conv_block(in_ch, out_ch):
    return nn.Sequential(
        nn.Conv3d(in_ch, out_ch, 3, padding=1),
        nn.InstanceNorm3d(out_ch),
        nn.LeakyReLU(0.01, inplace=True),
    )


class SegNetwork(nn.Module):
    """Small 3D encoder; the output conv is sized from the checkpoint at load time."""

    def __init__(self, in_channels=1, width=32):
        super().__init__()
        self.width = width
        self.encoder = nn.Sequential(conv_block(in_channels, width), conv_block(width, width))
        self.head = nn.Sequential(conv_block(width, width))

    def forward(self, x):
        return self.head(self.encoder(x))

    def num_classes_in(self, state_dict):
        for key, value in state_dict.items():
            if key.startswith("head.out.") and key.endswith("weight"):
                return value.shape[0]
        raise KeyError("checkpoint has no head.out weight")

    def load(self, state_dict):
        num_classes = self.num_classes_in(state_dict)
        current = getattr(self.head, "out", None)
        if current is None or current.out_channels != num_classes:
            # each checkpoint of the ensemble may predict a different label set
            self.head.add_module("out", nn.Conv3d(self.width, num_classes, kernel_size=1))
        self.load_state_dict(state_dict)
