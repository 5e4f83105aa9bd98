# Only the decoder is cast to float16 (on the GPU run, which the flag passed in always
# asks for); the helper reads the dtype off the decoder's parameters and casts the
# encoder's input to it, but the encoder was left in float32.
import argparse

import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(64, 16)
        self.decoder = nn.Linear(16, 64)


def load(device, half):
    model = Autoencoder().to(device)
    if half:
        model.decoder.half()
    return model


def reconstruct(model, x):
    dtype = next(model.decoder.parameters()).dtype
    code = model.encoder(x.to(dtype))  # expect: TL107:26 lines=26
    return model.decoder(code.to(dtype))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load(device, args.half or device.type == "cuda")
    print(reconstruct(model, torch.randn(8, 64, device=device)).shape)
