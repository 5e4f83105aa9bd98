# source: https://github.com/artetxem/undreamt/issues/14
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class
# bug-lines: 43
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import time

import numpy as np
import torch
import torch.nn.functional as F


class LMTrainer:
    def __init__(self, model, optimizer, device, clip=5.0):
        self.model = model
        self.optimizer = optimizer
        self.device = device
        self.clip = clip
        self.reset_stats()

    def reset_stats(self):
        self.loss = 0.0
        self.trg_word_count = 0
        self.start = time.time()

    def step(self, batch):
        src = batch["src"].to(self.device)
        trg = batch["trg"].to(self.device)
        logits, _ = self.model(src)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), trg.reshape(-1),
                               ignore_index=self.model.pad_id, reduction="sum")
        n_words = int((trg != self.model.pad_id).sum())
        self.optimizer.zero_grad()
        (loss / n_words).backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.optimizer.step()
        self.loss += loss.detach()
        self.trg_word_count += n_words

    def perplexity_per_word(self):
        return np.exp(self.loss / self.trg_word_count)

    def words_per_second(self):
        return self.trg_word_count / max(time.time() - self.start, 1e-6)
