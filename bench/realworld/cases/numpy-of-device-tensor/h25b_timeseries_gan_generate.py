# source: https://github.com/netsharecmu/NetShare/issues/27
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict, loader-loop
# bug-lines: 63
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Sample synthetic flow records (per-flow attributes + packet time series) from a trained GAN."""
import argparse

import numpy as np
import torch
from torch import nn


class AttributeGenerator(nn.Module):
    def __init__(self, noise_dim, attr_dim, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(noise_dim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(),
                                 nn.Linear(hidden, attr_dim), nn.Sigmoid())

    def forward(self, z):
        return self.net(z)


class FeatureGenerator(nn.Module):
    def __init__(self, noise_dim, attr_dim, feat_dim, hidden=128):
        super().__init__()
        self.rnn = nn.LSTM(noise_dim + attr_dim, hidden, batch_first=True)
        self.out = nn.Sequential(nn.Linear(hidden, feat_dim), nn.Sigmoid())

    def forward(self, z, attributes):
        cond = attributes[:, None, :].expand(-1, z.size(1), -1)
        h, _ = self.rnn(torch.cat([z, cond], dim=-1))
        return self.out(h)


class FlowGAN:
    def __init__(self, attr_dim, feat_dim, seq_len, device, attr_noise=16, feat_noise=16):
        self.device, self.seq_len = device, seq_len
        self.attr_noise, self.feat_noise = attr_noise, feat_noise
        self.attr_gen = AttributeGenerator(attr_noise, attr_dim).to(device)
        self.feat_gen = FeatureGenerator(feat_noise, attr_dim, feat_dim).to(device)

    def load(self, path):
        state = torch.load(path, map_location=self.device)
        self.attr_gen.load_state_dict(state["attr_gen"])
        self.feat_gen.load_state_dict(state["feat_gen"])

    @torch.no_grad()
    def generate(self, num_samples, batch_size=1024):
        self.attr_gen.eval()
        self.feat_gen.eval()
        batches = []
        for start in range(0, num_samples, batch_size):
            n = min(batch_size, num_samples - start)
            z_attr = torch.randn(n, self.attr_noise, device=self.device)
            z_feat = torch.randn(n, self.seq_len, self.feat_noise, device=self.device)
            attributes = self.attr_gen(z_attr)
            features = self.feat_gen(z_feat, attributes)
            batches.append((attributes, features))
        attributes, features = (np.concatenate(parts, axis=0) for parts in zip(*batches))
        return attributes, features


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="results/flowgan/generator.pt")
    parser.add_argument("--num_samples", type=int, default=50000)
    parser.add_argument("--out", default="results/flowgan/synthetic.npz")
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gan = FlowGAN(attr_dim=12, feat_dim=3, seq_len=50, device=device)
    gan.load(args.ckpt)
    attrs, feats = gan.generate(args.num_samples)
    np.savez_compressed(args.out, attributes=attrs, features=feats)
    print(f"wrote {attrs.shape[0]} flows to {args.out}")
