# source: https://github.com/hzxie/Pix2Vox/issues/116
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, batch-dict
# bug-lines: 54
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Multi-view 3D voxel reconstruction: test a pretrained encoder/decoder/merger on one object."""
import argparse

import numpy as np
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
                                 nn.AdaptiveAvgPool2d(4), nn.Flatten(), nn.Linear(64 * 16, 2048))

    def forward(self, views):  # (B, V, 3, H, W)
        b, v = views.shape[:2]
        return self.net(views.flatten(0, 1)).view(b, v, 2048)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2048, 64 * 4 ** 3)
        self.up = nn.Sequential(nn.ConvTranspose3d(64, 32, 4, 2, 1), nn.ReLU(),
                                nn.ConvTranspose3d(32, 16, 4, 2, 1), nn.ReLU(),
                                nn.ConvTranspose3d(16, 1, 4, 2, 1), nn.ReLU(),
                                nn.ConvTranspose3d(1, 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, feats):  # (B, V, 2048)
        b, v = feats.shape[:2]
        return self.up(self.fc(feats.flatten(0, 1)).view(b * v, 64, 4, 4, 4)).view(b, v, 64, 64, 64)


class Merger(nn.Module):
    def __init__(self):
        super().__init__()
        self.score = nn.Sequential(nn.Conv3d(1, 8, 3, padding=1), nn.ReLU(), nn.Conv3d(8, 1, 3, padding=1))

    def forward(self, volumes):  # (B, V, D, H, W)
        b, v = volumes.shape[:2]
        w = torch.softmax(self.score(volumes.flatten(0, 1).unsqueeze(1)).view(b, v, 64, 64, 64), dim=1)
        return (w * volumes).sum(dim=1)


def restore_networks(networks, weights_path):
    print(f"Loading weights from {weights_path} ...")
    checkpoint = torch.load(weights_path)
    for name, net in networks.items():
        net.load_state_dict(checkpoint[f"{name}_state_dict"])
    return checkpoint.get("epoch_idx", -1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--weights", default="pretrained/Pix2Vox-A-ShapeNet.pth")
    parser.add_argument("--views", default="demo/chair_views.npy")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    networks = {"encoder": Encoder(), "decoder": Decoder(), "merger": Merger()}
    epoch = restore_networks(networks, args.weights)
    for net in networks.values():
        net.to(device).eval()

    views = torch.from_numpy(np.load(args.views)).float().unsqueeze(0).to(device)  # (1, V, 3, 224, 224)
    with torch.no_grad():
        volume = networks["merger"](networks["decoder"](networks["encoder"](views)))
    np.save("chair_voxels.npy", (volume[0] > 0.3).cpu().numpy())
    print(f"reconstructed with weights from epoch {epoch}")


if __name__ == "__main__":
    main()
