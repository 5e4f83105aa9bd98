# source: https://github.com/DavidLandup0/deepvision/pull/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, helper
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
"""Temporal encodings for satellite image time series (crop yield / crop type)."""
import math

import torch


def day_of_year_table(n_days=366, dim=32):
    """Sinusoidal table indexed by day of year; built once and stored as a module buffer."""
    doy = torch.arange(n_days, dtype=torch.float32).unsqueeze(1)
    freq = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(1000.0) / dim))
    table = torch.empty(n_days, dim)
    table[:, 0::2] = torch.sin(doy * freq)
    table[:, 1::2] = torch.cos(doy * freq)
    return table


def month_indices(start_month, batch_size, seq_len, device):
    steps = torch.arange(seq_len, device=device)
    return ((start_month + steps) % 12).unsqueeze(0).expand(batch_size, seq_len)
