# source: https://github.com/NVIDIA/DeepLearningExamples/issues/450
# error: RuntimeError: expected device cuda:0 but got device cuda:1
# pattern: current-gpu-mismatch
# shape: helper, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
"""Text normalisation and symbol lookup for the synthesiser."""

import re

import torch

_pad = "_"
_punct = "!'(),.:;? "
_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
SYMBOLS = [_pad] + list(_punct) + list(_letters)
_symbol_to_id = {s: i for i, s in enumerate(SYMBOLS)}


def normalize(text):
    text = text.strip()
    text = re.sub(r"\s+", " ", text)
    return text


def text_to_sequence(text):
    return [_symbol_to_id[ch] for ch in normalize(text) if ch in _symbol_to_id]


def prepare_batch(texts, device):
    seqs = [torch.tensor(text_to_sequence(t), dtype=torch.long) for t in texts]
    lengths = torch.tensor([len(s) for s in seqs])
    padded = torch.zeros(len(seqs), int(lengths.max()), dtype=torch.long)
    for i, s in enumerate(seqs):
        padded[i, :len(s)] = s
    return padded.to(device), lengths.to(device)
