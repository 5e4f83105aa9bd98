# Only the decoder is cast to float16; the helper casts each part's input to the
# dtype of that part's own parameters.
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
    dtype = next(model.encoder.parameters()).dtype
    code = model.encoder(x.to(dtype))
    return model.decoder(code.to(next(model.decoder.parameters()).dtype))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", action="store_true")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = load(device, args.half or device.type == "cuda")
    print(reconstruct(model, torch.randn(8, 64, device=device)).shape)
