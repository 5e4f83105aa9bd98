# source: https://github.com/pytorch/pytorch/issues/4412
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, batch-dict
# looks-like: module-in-plain-container
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


def conv_branch(channels):
    return nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(),
                         nn.Conv2d(channels, channels, 3, padding=1))


class RegionLayer(nn.Module):
    def __init__(self, in_channels, regions=("face", "left_hand", "right_hand")):
        super().__init__()
        self.convs = nn.ModuleDict({name: conv_branch(in_channels) for name in regions})
        self.extra = []  # plain list of names only, no modules
        for name in regions:
            self.add_module(f"gate_{name}", nn.Conv2d(in_channels, 1, 1))
            self.extra.append(f"gate_{name}")
        self.fuse = nn.Conv2d(in_channels * len(regions), in_channels, 1)

    def forward(self, crops):
        outs = []
        for name, gate in zip(self.convs, self.extra):
            feat = self.convs[name](crops[name])
            outs.append(feat * torch.sigmoid(getattr(self, gate)(feat)))
        return self.fuse(torch.cat(outs, dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = RegionLayer(in_channels=8).to(device)
    crops = {name: torch.randn(2, 8, 16, 16) for name in ("face", "left_hand", "right_hand")}
    out = net({k: v.to(device) for k, v in crops.items()})
    print(out.shape)
