# source: https://github.com/schen149/sub-sentence-encoder/issues/1
# error: none (correct version of the shape)
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict, multi-file
# looks-like: inputs-not-moved
# cpu: no library module, run run.py
# needs: torch
from typing import Any

import torch
from torch.utils.data import DataLoader


def move_to_device(obj: Any, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device, non_blocking=True)
    if isinstance(obj, dict):
        return {k: move_to_device(v, device) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(move_to_device(v, device) for v in obj)
    return obj


def collate(examples, pad_id=0):
    max_len = max(len(ids) for ids, _, _ in examples)
    input_ids = torch.full((len(examples), max_len), pad_id, dtype=torch.long)
    attention_mask = torch.zeros(len(examples), max_len, dtype=torch.long)
    span_masks = torch.zeros(len(examples), max_len)
    for row, (ids, (s, e), _) in enumerate(examples):
        input_ids[row, : len(ids)] = torch.as_tensor(ids)
        attention_mask[row, : len(ids)] = 1
        span_masks[row, s:e] = 1.0
    labels = torch.tensor([label for _, _, label in examples])
    return {"inputs": {"input_ids": input_ids, "attention_mask": attention_mask}, "span_masks": span_masks, "labels": labels}


def build_loader(n=48, vocab=60, batch_size=8, seed=0):
    gen = torch.Generator().manual_seed(seed)
    examples = []
    for _ in range(n):
        length = int(torch.randint(4, 12, (1,), generator=gen))
        ids = torch.randint(1, vocab, (length,), generator=gen).tolist()
        start = int(torch.randint(0, length - 1, (1,), generator=gen))
        examples.append((ids, (start, length), int(ids[start] % 2)))
    return DataLoader(examples, batch_size=batch_size, shuffle=True, collate_fn=collate)
