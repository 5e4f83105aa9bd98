# The look-ahead mask is built with numpy and made a tensor on the CPU; the padding
# mask comes from token ids already on the device, and `&` joins the two there.
import numpy as np
import torch

PAD = 1


def look_ahead(size):
    allowed = np.tril(np.ones((size, size), dtype=bool))[None]
    return torch.from_numpy(allowed)  # expect: TL204:12 lines=15,16


def target_mask(trg):
    pad = (trg.cuda() != PAD).unsqueeze(-2)
    return pad & look_ahead(trg.size(1))
