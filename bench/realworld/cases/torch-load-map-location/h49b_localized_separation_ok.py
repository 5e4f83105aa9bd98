# source: https://github.com/vivjay30/Cone-of-Silence/pull/6
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Separate speakers from a multi-mic recording by steering towards candidate angles."""
import argparse
import math

import numpy as np
import soundfile as sf
import torch
import torch.nn as nn


class SteeredSeparator(nn.Module):
    def __init__(self, n_mics=6, hidden=64):
        super().__init__()
        self.enc = nn.Conv1d(n_mics + 2, hidden, 16, stride=8, padding=4)
        self.mask = nn.Sequential(nn.Conv1d(hidden, hidden, 3, padding=1), nn.ReLU(),
                                  nn.Conv1d(hidden, hidden, 1), nn.Sigmoid())
        self.dec = nn.ConvTranspose1d(hidden, 1, 16, stride=8, padding=4)

    def forward(self, mix, angle):
        cond = torch.stack([torch.sin(angle), torch.cos(angle)], -1)
        cond = cond[:, :, None].expand(-1, -1, mix.shape[-1])
        z = self.enc(torch.cat([mix, cond], dim=1))
        return self.dec(z * self.mask(z)).squeeze(1)


def load_model(path, use_cuda):
    device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
    model = SteeredSeparator()
    state = torch.load(path, map_location=device)
    model.load_state_dict(state)
    return model.to(device).eval(), device


@torch.no_grad()
def separate_by_angle(model, device, mix, n_angles=8, energy_floor=1e-3):
    mix_t = torch.from_numpy(mix.T.astype(np.float32)).unsqueeze(0).to(device)
    sources = []
    for k in range(n_angles):
        angle = torch.tensor([2 * math.pi * k / n_angles], device=device)
        est = model(mix_t, angle)[0].cpu().numpy()
        if np.mean(est ** 2) > energy_floor:
            sources.append((k, est))
    return sources


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("model_checkpoint")
    parser.add_argument("input_file")
    parser.add_argument("--use_cuda", action="store_true")
    args = parser.parse_args()
    model, device = load_model(args.model_checkpoint, args.use_cuda)
    mix, sr = sf.read(args.input_file, always_2d=True)
    for k, est in separate_by_angle(model, device, mix):
        sf.write(f"source_angle{k}.wav", est, sr)
