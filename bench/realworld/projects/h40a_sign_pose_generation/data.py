# source: https://github.com/rotem-shalev/Ham2Pose/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: inputs-not-moved
# shape: multi-file, class, batch-dict
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""HamNoSys sign dataset: tokenised notation plus normalised OpenPose keypoints."""
import json
import os

import numpy as np
import torch
from torch.utils.data import Dataset


class HamNoSysTokenizer:
    def __init__(self, symbols):
        self.vocab = {s: i + 2 for i, s in enumerate(sorted(set(symbols)))}
        self.pad_id, self.bos_id = 0, 1

    def __len__(self):
        return len(self.vocab) + 2

    def encode(self, text):
        return [self.bos_id] + [self.vocab.get(ch, self.pad_id) for ch in text]


class SignPoseDataset(Dataset):
    def __init__(self, root, split="test"):
        with open(os.path.join(root, "data.json"), encoding="utf-8") as f:
            entries = json.load(f)
        self.items = [e for e in entries if e["split"] == split]
        self.root = root
        self.tokenizer = HamNoSysTokenizer("".join(e["hamnosys"] for e in entries))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        entry = self.items[idx]
        keypoints = np.load(os.path.join(self.root, "keypoints", entry["id"] + ".npy"))
        keypoints = (keypoints - keypoints.mean(axis=(0, 1))) / (keypoints.std() + 1e-6)
        return {
            "id": entry["id"],
            "text": entry["hamnosys"],
            "tokens": torch.tensor(self.tokenizer.encode(entry["hamnosys"]), dtype=torch.long),
            "pose": {
                "data": torch.from_numpy(keypoints.astype(np.float32)),
                "confidence": torch.ones(keypoints.shape[:2]),
            },
        }
