# source: https://github.com/lhotse-speech/lhotse/pull/1171
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop
# needs: torch, numpy, soundfile
# cpu: no written where torch was not installed; not run
"""Separate a list of mono mixtures with a trained FrameMaskSeparator."""
import argparse
import os

import numpy as np
import soundfile as sf
import torch
from torch.utils.data import DataLoader, Dataset

from separator import FrameMaskSeparator


class MixtureList(Dataset):
    def __init__(self, list_file, segment=44100 * 6):
        self.paths = [p.strip() for p in open(list_file) if p.strip()]
        self.segment = segment

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        wav, sr = sf.read(self.paths[idx], dtype="float32", always_2d=True)
        wav = wav.mean(axis=1)[: self.segment]
        wav = np.pad(wav, (0, self.segment - len(wav)))
        return {"wav": torch.from_numpy(wav), "name": os.path.basename(self.paths[idx]), "sr": sr}


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FrameMaskSeparator()
    model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
    model = model.to(device).eval()
    loader = DataLoader(MixtureList(args.mix_list), batch_size=4, num_workers=2)
    os.makedirs(args.out_dir, exist_ok=True)
    with torch.no_grad():
        for batch in loader:
            stems = model(batch["wav"].to(device)).cpu().numpy()
            for name, sr, est in zip(batch["name"], batch["sr"].tolist(), stems):
                for k, stem in enumerate(("vocals", "accompaniment")):
                    sf.write(os.path.join(args.out_dir, f"{stem}_{name}"), est[k], sr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("mix_list")
    parser.add_argument("--out_dir", default="stems")
    main(parser.parse_args())
