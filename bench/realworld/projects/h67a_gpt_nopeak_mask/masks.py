# source: https://github.com/SamLynnEvans/Transformer/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# bug-lines: 19, 27
# needs: torch, numpy
# cpu: clean
"""Mask helpers shared by the training and sampling scripts."""
import numpy as np
import torch


def nopeak_mask(size):
    """Lower-triangular (size x size) mask: True where attention is allowed.

    Built with numpy so it can be cached/inspected outside of torch code.
    """
    upper = np.triu(np.ones((1, size, size)), k=1).astype("uint8")
    return torch.from_numpy(upper) == 0


def make_lm_masks(tokens, pad_id):
    """Combine the padding mask with the causal mask for a (B, T) batch."""
    seq_len = tokens.size(1)
    pad_mask = (tokens != pad_id).unsqueeze(-2)   # (B, 1, T)
    causal = nopeak_mask(seq_len)                  # (1, T, T)
    return pad_mask & causal                       # (B, T, T)
