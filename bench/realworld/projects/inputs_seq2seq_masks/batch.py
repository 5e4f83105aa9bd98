# source: https://github.com/SamLynnEvans/Transformer/issues/30 https://github.com/SamLynnEvans/Transformer/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch


def nopeak_mask(size, opt):
    np_mask = np.triu(np.ones((1, size, size)), k=1).astype("uint8")
    np_mask = torch.from_numpy(np_mask) == 0
    if opt.device == 0:
        np_mask = np_mask.cuda()
    return np_mask


def create_masks(src, trg, opt):
    src_mask = (src != opt.src_pad).unsqueeze(-2)
    if trg is not None:
        trg_mask = (trg != opt.trg_pad).unsqueeze(-2)
        size = trg.size(1)
        np_mask = nopeak_mask(size, opt)
        trg_mask = trg_mask & np_mask
    else:
        trg_mask = None
    return src_mask, trg_mask


class MyIterator:
    """Yields batches of (seq_len, batch) token tensors, like torchtext's Iterator."""

    def __init__(self, pairs, batch_size, pad):
        self.pairs, self.batch_size, self.pad = pairs, batch_size, pad

    def _pad(self, seqs):
        longest = max(len(s) for s in seqs)
        return torch.tensor([s + [self.pad] * (longest - len(s)) for s in seqs]).t()

    def __iter__(self):
        for i in range(0, len(self.pairs), self.batch_size):
            chunk = self.pairs[i:i + self.batch_size]
            yield {"src": self._pad([p[0] for p in chunk]), "trg": self._pad([p[1] for p in chunk])}

    def __len__(self):
        return (len(self.pairs) + self.batch_size - 1) // self.batch_size
