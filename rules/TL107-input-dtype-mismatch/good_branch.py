import argparse

import torch
from torch import nn


class Transcriber:
    """The same option decides the encoder's dtype and the features'."""

    def __init__(self, bf16=False):
        self.dtype = torch.bfloat16 if bf16 else torch.float32
        self.encoder = nn.Sequential(nn.Conv1d(80, 256, 3, padding=1), nn.GELU())
        self.encoder.to("cuda")
        self.bf16 = bf16
        if bf16:
            self.encoder.to(torch.bfloat16)

    def encode(self, features):
        mel = torch.as_tensor(features).to("cuda", self.dtype)
        return self.encoder(mel.unsqueeze(0))

    def encode_cast(self, features):
        mel = torch.as_tensor(features).to("cuda")
        mel = mel.bfloat16() if self.bf16 else mel.float()
        return self.encoder(mel.unsqueeze(0))


def encode_autocast(features, bf16):
    encoder = nn.Conv1d(80, 256, 3, padding=1).cuda()
    if bf16:
        encoder.bfloat16()
    with torch.autocast("cuda", dtype=torch.bfloat16, enabled=bf16):
        # autocast casts the input to what the convolution needs.
        return encoder(torch.randn(1, 80, 100, device="cuda"))


def denoise_step(fp16):
    # The noise is made in the dtype the option picked for the model.
    weight_dtype = torch.float16 if fp16 else torch.float32
    unet = nn.Conv2d(4, 4, 3, padding=1).to("cuda", dtype=weight_dtype)
    noise = torch.randn(1, 4, 64, 64, device="cuda", dtype=weight_dtype)
    return unet(noise)


parser = argparse.ArgumentParser()
parser.add_argument("--bf16", action="store_true")
args = parser.parse_args()
transcriber = Transcriber(bf16=args.bf16)
print(transcriber.encode([[0.0] * 100] * 80).shape, transcriber.encode_cast([[0.0] * 100] * 80))
print(encode_autocast([[0.0] * 100] * 80, args.bf16))
print(denoise_step(args.bf16).shape)
