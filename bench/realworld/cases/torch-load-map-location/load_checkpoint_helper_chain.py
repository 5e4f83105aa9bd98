# source: https://github.com/keunsoo-ko/CMT/issues/1
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper
# bug-lines: 27
# cpu: clean
# needs: torch
import argparse
import os
import tempfile

import torch
import torch.nn as nn


class Inpainter(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(4, 16, 3, padding=1)
        self.dec = nn.Conv2d(16, 3, 3, padding=1)

    def forward(self, img, mask):
        return self.dec(torch.relu(self.enc(torch.cat([img * (1 - mask), mask], 1))))


def _load(checkpoint_path):
    checkpoint = torch.load(checkpoint_path)
    return checkpoint


def load_checkpoint(path, model):
    print("Load checkpoint from: %s" % path)
    checkpoint = _load(path)
    model.load_state_dict(checkpoint["state_dict"])
    return model


def export_release_checkpoint(path):
    # what the authors ran once on their training server
    dev = "cuda" if torch.cuda.is_available() else "cpu"
    net = Inpainter().to(dev)
    torch.save({"state_dict": net.state_dict()}, path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default=os.path.join(tempfile.gettempdir(), "cmt_place2.pth"))
    args = parser.parse_args()
    if not os.path.exists(args.ckpt):
        export_release_checkpoint(args.ckpt)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    proposed = Inpainter()
    proposed = load_checkpoint(args.ckpt, proposed)
    proposed = proposed.to(device).eval()
    img = torch.rand(1, 3, 32, 32, device=device)
    mask = torch.zeros(1, 1, 32, 32, device=device)
    with torch.no_grad():
        print(proposed(img, mask).shape)
