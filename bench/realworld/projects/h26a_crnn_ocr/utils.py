# source: https://github.com/Holmeyoung/crnn-pytorch/issues/17
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: legacy-tensor-constructor
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class strLabelConverter:
    """Maps text to CTC label indices (0 is reserved for the blank)."""

    def __init__(self, alphabet, ignore_case=True):
        self.ignore_case = ignore_case
        self.alphabet = alphabet.lower() if ignore_case else alphabet
        self.dict = {ch: i + 1 for i, ch in enumerate(self.alphabet)}

    def encode(self, texts):
        if self.ignore_case:
            texts = [t.lower() for t in texts]
        length = [len(t) for t in texts]
        flat = [self.dict[ch] for t in texts for ch in t]
        return torch.IntTensor(flat), torch.IntTensor(length)

    def decode(self, t, length):
        out, start = [], 0
        for n in length.tolist():
            seq, prev = [], 0
            for idx in t[start:start + n].tolist():
                if idx != 0 and idx != prev:
                    seq.append(self.alphabet[idx - 1])
                prev = idx
            out.append("".join(seq))
            start += n
        return out


def loadData(v, data):
    with torch.no_grad():
        v.resize_(data.size()).copy_(data)
