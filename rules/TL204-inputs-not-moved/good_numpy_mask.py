# The numpy mask is moved to the padding mask's device before they are joined.
import numpy as np
import torch

PAD = 1


def look_ahead(size):
    allowed = np.tril(np.ones((size, size), dtype=bool))[None]
    return torch.from_numpy(allowed)


def target_mask(trg):
    pad = (trg.cuda() != PAD).unsqueeze(-2)
    return pad & look_ahead(trg.size(1)).to(pad.device)
