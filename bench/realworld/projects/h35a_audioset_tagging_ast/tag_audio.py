# source: https://github.com/YuanGongND/ast/issues/84
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 42
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""python tag_audio.py clips/ pretrained_models/audioset_10_10_0.4593.pth"""
import csv
import pathlib
import sys

import torch
from torch.utils.data import DataLoader

from ast_model import ASTClassifier
from features import ClipFolder


def load_labels(csv_path="egs/audioset/data/class_labels_indices.csv"):
    with open(csv_path) as f:
        return [row["display_name"] for row in csv.DictReader(f)]


def load_model(ckpt_path, device):
    model = ASTClassifier(label_dim=527, input_tdim=1024)
    state = torch.load(ckpt_path, map_location="cpu")
    state = {k.replace("module.", "", 1): v for k, v in state.items()}
    model.load_state_dict(state, strict=False)
    return model.to(device).eval()


if __name__ == "__main__":
    clip_dir, ckpt = pathlib.Path(sys.argv[1]), sys.argv[2]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    labels = load_labels()
    model = load_model(ckpt, device)
    loader = DataLoader(ClipFolder(sorted(clip_dir.glob("*.wav"))), batch_size=8, num_workers=2)

    with torch.no_grad():
        for batch in loader:
            logits = model(batch["fbank"])
            probs = torch.sigmoid(logits).cpu()
            for path, p in zip(batch["path"], probs):
                top = torch.topk(p, 3)
                tags = ", ".join(f"{labels[i]} ({s:.2f})" for s, i in zip(top.values.tolist(), top.indices.tolist()))
                print(f"{path}: {tags}")
