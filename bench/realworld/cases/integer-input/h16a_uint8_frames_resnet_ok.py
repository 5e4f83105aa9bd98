# source: https://github.com/pytorch/pytorch/issues/64145
# error: RuntimeError: expected scalar type Byte but found Float
# pattern: integer-input
# shape: helper, loader-loop
# looks-like: integer-input
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torchvision

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def load_clip_frames(path):
    """Decoded video clip stored as uint8 array [T, H, W, 3]."""
    return torch.from_numpy(np.load(path))  # uint8


def to_model_input(frames_uint8, device):
    x = frames_uint8.permute(0, 3, 1, 2).to(device)
    x = x.float().div_(255.0)
    return (x - MEAN.to(device)) / STD.to(device)


@torch.no_grad()
def embed_clips(paths, device):
    model = torchvision.models.resnet18(weights=None)
    model.fc = torch.nn.Identity()
    model = model.to(device).eval()
    out = []
    for path in paths:
        frames = load_clip_frames(path)
        for chunk in frames.split(16):
            feats = model(to_model_input(chunk, device))
            out.append(feats.mean(0).cpu())
    return torch.stack(out)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    print(embed_clips(["clips/0001.npy", "clips/0002.npy"], dev).shape)
