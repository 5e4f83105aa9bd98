import argparse

import torch
from torch import nn


class Transcriber:
    """A speech encoder that an option switches to bfloat16 for inference."""

    def __init__(self, bf16=False):
        self.encoder = nn.Sequential(nn.Conv1d(80, 256, 3, padding=1), nn.GELU())
        self.encoder.to("cuda")
        if bf16:
            self.encoder.to(torch.bfloat16)

    def encode(self, features):
        # The features are made float32 on every path; on the run with --bf16 the
        # encoder's weights are bfloat16 and the convolution refuses them.
        mel = torch.as_tensor(features).to("cuda").float()  # expect: TL107:15 lines=20,14
        return self.encoder(mel.unsqueeze(0))


parser = argparse.ArgumentParser()
parser.add_argument("--bf16", action="store_true")
args = parser.parse_args()
print(Transcriber(bf16=args.bf16).encode([[0.0] * 100] * 80).shape)
