# source: https://github.com/pytorch/text/issues/304
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, batch-dict, loader-loop
# bug-lines: 37
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Character transcripts for LRS2-style audio-visual speech recognition batches."""
import random

import numpy as np
import torch

CHARS = list(" abcdefghijklmnopqrstuvwxyz'")


class TranscriptField:
    """Minimal torchtext-style field: tokenize, pad and numericalize transcripts."""

    def __init__(self, pad_token="<pad>", eos_token="<eos>", tensor_type=torch.LongTensor):
        self.itos = [pad_token, eos_token] + CHARS
        self.stoi = {ch: i for i, ch in enumerate(self.itos)}
        self.pad_idx = self.stoi[pad_token]
        self.eos_idx = self.stoi[eos_token]
        self.tensor_type = tensor_type

    def pad(self, transcripts):
        seqs = [[self.stoi[c] for c in t.lower() if c in self.stoi] + [self.eos_idx] for t in transcripts]
        max_len = max(len(s) for s in seqs)
        lengths = [len(s) for s in seqs]
        padded = [s + [self.pad_idx] * (max_len - len(s)) for s in seqs]
        return padded, lengths

    def process(self, transcripts, device=None):
        padded, lengths = self.pad(transcripts)
        arr = np.asarray(padded, dtype=np.int64)
        var = self.tensor_type(arr, device=device)
        return var, torch.tensor(lengths, device=device)


def iterate_batches(samples, field, batch_size, device):
    """samples: list of (mouth_roi float32 array (T, 88, 88), transcript str)."""
    random.shuffle(samples)
    for i in range(0, len(samples), batch_size):
        chunk = samples[i:i + batch_size]
        t_max = max(v.shape[0] for v, _ in chunk)
        video = np.zeros((len(chunk), 1, t_max, 88, 88), dtype=np.float32)
        for j, (v, _) in enumerate(chunk):
            video[j, 0, :v.shape[0]] = v
        text, text_lens = field.process([t for _, t in chunk], device=device)
        yield {
            "video": torch.from_numpy(video).to(device),
            "video_lens": torch.tensor([v.shape[0] for v, _ in chunk], device=device),
            "text": text,
            "text_lens": text_lens,
        }


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    field = TranscriptField()
    toy = [(np.random.rand(np.random.randint(20, 60), 88, 88).astype(np.float32), "hello world")
           for _ in range(16)]
    for batch in iterate_batches(toy, field, batch_size=4, device=device):
        print(batch["video"].shape, batch["text"].shape, batch["text"].device)
