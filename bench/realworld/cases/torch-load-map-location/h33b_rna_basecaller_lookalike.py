# source: https://github.com/biodlab/RODAN/issues/5
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import argparse
import sys

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

ALPHABET = "NACGU"


class SignalChunks(Dataset):
    def __init__(self, signal, chunk=4096, overlap=512):
        step = chunk - overlap
        starts = range(0, max(len(signal) - chunk, 0) + 1, step)
        self.chunks = [signal[s:s + chunk] for s in starts]

    def __len__(self):
        return len(self.chunks)

    def __getitem__(self, i):
        x = self.chunks[i].astype(np.float32)
        return torch.from_numpy((x - x.mean()) / (x.std() + 1e-6)).unsqueeze(0)


class ConvBasecaller(nn.Module):
    def __init__(self, channels=256, n_labels=len(ALPHABET)):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(1, channels, 9, stride=3, padding=4), nn.SiLU(),
            nn.Conv1d(channels, channels, 9, padding=4), nn.SiLU(),
            nn.Conv1d(channels, n_labels, 1),
        )

    def forward(self, x):
        return self.body(x).permute(2, 0, 1).log_softmax(-1)


def load_model(weights, device):
    model = ConvBasecaller()
    checkpoint = torch.load(weights, map_location=device)
    model.load_state_dict(checkpoint.get("state_dict", checkpoint))
    return model.to(device).eval()


def greedy_decode(logp):
    best = logp.argmax(-1).tolist()
    out, prev = [], 0
    for b in best:
        if b != prev and b != 0:
            out.append(ALPHABET[b])
        prev = b
    return "".join(out)


def basecall(weights, signal, device):
    model = load_model(weights, device)
    reads = []
    with torch.no_grad():
        for batch in DataLoader(SignalChunks(signal), batch_size=32):
            logp = model(batch.to(device)).cpu()
            reads.extend(greedy_decode(logp[:, i]) for i in range(logp.shape[1]))
    return "".join(reads)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", default="rna.torch")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    sig = np.random.randn(40000).astype(np.float32)
    sys.stdout.write(">read_0\n" + basecall(args.weights, sig, torch.device(args.device)) + "\n")
