# Next-character targets made with `np.zeros_like` of int32 encoded text keep int32,
# and cross_entropy takes int64 class indices only ('expected target dtype to be Long
# or Byte, but got Int').
import numpy as np
import torch
import torch.nn.functional as F


def batches(encoded, seq_len):
    x = encoded[: len(encoded) // seq_len * seq_len].reshape(-1, seq_len)
    y = np.zeros_like(x)
    y[:, :-1], y[:, -1] = x[:, 1:], x[:, 0]
    for i in range(len(x)):
        yield torch.from_numpy(x[i : i + 1]), torch.from_numpy(y[i : i + 1])


def train(model, text, vocab, seq_len=100):
    encoded = np.array([vocab[c] for c in text], dtype=np.int32)
    for inputs, targets in batches(encoded, seq_len):
        logits = model(inputs.long())
        loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten())  # expect: TL104:54 lines=14
        loss.backward()
