# source: https://github.com/InseeFrLab/torchTextClassifiers/pull/94
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: inputs-not-moved
# looks-like: inputs-not-moved
# shape: multi-file, helper, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
from typing import Dict, List

import torch


def model_device(model: torch.nn.Module) -> torch.device:
    return next(model.parameters()).device


def to_model_device(batch: Dict[str, torch.Tensor], model: torch.nn.Module) -> Dict[str, torch.Tensor]:
    """Align every tensor of an encoded batch with wherever the model currently lives."""
    device = model_device(model)
    return {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in batch.items()}


def encode(texts: List[str], vocab: Dict[str, int], max_len: int = 64) -> Dict[str, torch.Tensor]:
    ids = torch.zeros(len(texts), max_len, dtype=torch.long)
    mask = torch.zeros(len(texts), max_len, dtype=torch.bool)
    for row, text in enumerate(texts):
        toks = [vocab.get(w, 1) for w in text.lower().split()][:max_len]
        ids[row, : len(toks)] = torch.tensor(toks, dtype=torch.long)
        mask[row, : len(toks)] = True
    return {"input_ids": ids, "attention_mask": mask}
