# source: https://github.com/anhaidgroup/deepmatcher/pull/54
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import sys

import torch

from checkpoint import load_state
from matcher import PairMatcher


def to_bag(records, vocab):
    ids, offsets = [], []
    for rec in records:
        offsets.append(len(ids))
        ids.extend(vocab.setdefault(tok, len(vocab) + 1) % 20000 for tok in rec.lower().split())
    return torch.tensor(ids), torch.tensor(offsets)


def main(ckpt_path):
    # trained on a GPU box, served from a CPU-only container
    model = PairMatcher()
    epoch, best_f1 = load_state(model, ckpt_path)
    model.eval()
    print(f"loaded epoch {epoch} (f1={best_f1:.3f})")
    vocab = {}
    left = ["apple iphone 12 64gb black", "sony wh-1000xm4"]
    right = ["iphone 12 black 64 gb apple", "bose qc35 ii"]
    l_ids, l_off = to_bag(left, vocab)
    r_ids, r_off = to_bag(right, vocab)
    with torch.no_grad():
        probs = model(l_ids, l_off, r_ids, r_off).softmax(-1)[:, 1]
    for a, b, p in zip(left, right, probs.tolist()):
        print(f"{p:.2f}  {a!r} <-> {b!r}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "best_model.pth")
