# source: https://github.com/ZFTurbo/Music-Source-Separation-Training/pull/45
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# bug-lines: 42
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Separate every mixture in a folder into vocals / instrumental stems."""
import argparse
import glob
import os

import numpy as np
import soundfile as sf
import torch
import torch.nn as nn


class MaskSeparator(nn.Module):
    def __init__(self, n_fft=2048, hop=512, stems=("vocals", "instrumental")):
        super().__init__()
        self.n_fft, self.hop, self.stems = n_fft, hop, stems
        self.net = nn.Sequential(
            nn.Conv2d(2, 32, 3, padding=1), nn.ReLU(),
            nn.Conv2d(32, 2 * len(stems), 3, padding=1), nn.Sigmoid(),
        )

    def forward(self, wav):
        b, c, n = wav.shape
        win = torch.hann_window(self.n_fft, device=wav.device)
        spec = torch.stft(wav.reshape(b * c, n), self.n_fft, self.hop,
                          window=win, return_complex=True)
        spec = spec.reshape(b, c, *spec.shape[-2:])
        masks = self.net(spec.abs()).reshape(b, len(self.stems), c, *spec.shape[-2:])
        est = (masks * spec.unsqueeze(1)).reshape(-1, *spec.shape[-2:])
        out = torch.istft(est, self.n_fft, self.hop, window=win, length=n)
        return out.reshape(b, len(self.stems), c, n)


def load_separator(ckpt_path, device):
    model = MaskSeparator()
    state_dict = torch.load(ckpt_path)
    if "state_dict" in state_dict:
        state_dict = state_dict["state_dict"]
    model.load_state_dict(state_dict)
    return model.to(device).eval()


@torch.no_grad()
def demix(model, mix, device, chunk=44100 * 10):
    out = []
    for start in range(0, mix.shape[-1], chunk):
        part = torch.from_numpy(mix[:, start:start + chunk]).float().to(device)
        out.append(model(part.unsqueeze(0))[0].cpu().numpy())
    return np.concatenate(out, axis=-1)


def proc_folder(args):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_separator(args.start_check_point, device)
    os.makedirs(args.store_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(args.input_folder, "*.*"))):
        mix, sr = sf.read(path, always_2d=True)
        stems = demix(model, mix.T.astype(np.float32), device)
        name = os.path.splitext(os.path.basename(path))[0]
        for idx, stem in enumerate(model.stems):
            sf.write(os.path.join(args.store_dir, f"{name}_{stem}.wav"), stems[idx].T, sr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--start_check_point", required=True)
    parser.add_argument("--input_folder", required=True)
    parser.add_argument("--store_dir", default="separated")
    proc_folder(parser.parse_args())
