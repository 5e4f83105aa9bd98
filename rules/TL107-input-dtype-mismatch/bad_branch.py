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


def denoise_step(fp16):
    # The option picks the dtype once: the model takes it, the noise does not.
    weight_dtype = torch.float16 if fp16 else torch.float32
    unet = nn.Conv2d(4, 4, 3, padding=1).to("cuda", dtype=weight_dtype)
    noise = torch.randn(1, 4, 64, 64, device="cuda")  # expect: TL107:13 lines=28,25
    return unet(noise)


parser = argparse.ArgumentParser()
parser.add_argument("--bf16", action="store_true")
args = parser.parse_args()
print(Transcriber(bf16=args.bf16).encode([[0.0] * 100] * 80).shape)
print(denoise_step(args.bf16).shape)
