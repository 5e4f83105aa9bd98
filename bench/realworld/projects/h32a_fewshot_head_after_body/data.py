# source: https://github.com/huggingface/setfit/issues/169
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, batch-dict
# needs: torch, datasets
# cpu: no written where torch was not installed; not run
import random

import torch
from datasets import load_dataset


def sample_few_shot(split, label_column="label", per_class=8, seed=42):
    rng = random.Random(seed)
    by_label = {}
    for row in split:
        by_label.setdefault(row[label_column], []).append(row)
    picked = []
    for rows in by_label.values():
        picked.extend(rng.sample(rows, min(per_class, len(rows))))
    rng.shuffle(picked)
    return picked


def load_sst2_few_shot(per_class=8):
    ds = load_dataset("sst2")
    train = sample_few_shot(ds["train"], per_class=per_class)
    return train, ds["validation"]


def collate(rows):
    return {
        "texts": [r["sentence"] for r in rows],
        "labels": torch.tensor([r["label"] for r in rows], dtype=torch.long),
    }
