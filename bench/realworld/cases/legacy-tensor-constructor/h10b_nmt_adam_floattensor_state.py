# source: https://github.com/THUNLP-MT/THUMT/issues/106
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: class, loader-loop
# bug-lines: 34, 35, 49, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class AdamOptimizer:
    """Hand-rolled Adam used by the seq2seq trainer (grads_and_vars interface)."""

    def __init__(self, learning_rate=1e-3, beta_1=0.9, beta_2=0.98, epsilon=1e-9, clipper=None):
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.clipper = clipper
        self._slots = {}
        self._step = 0

    def compute_gradients(self, loss, var_list):
        loss.backward()
        return [(v.grad, v) for v in var_list if v.grad is not None]

    def _get_slots(self, name, var):
        if name not in self._slots:
            self._slots[name] = {
                "m": torch.FloatTensor(var.size()).zero_(),
                "v": torch.FloatTensor(var.size()).zero_(),
            }
        return self._slots[name]

    def apply_gradients(self, grads_and_vars):
        self._step += 1
        bias_corr1 = 1 - self.beta_1 ** self._step
        bias_corr2 = 1 - self.beta_2 ** self._step
        step_size = self.learning_rate * math.sqrt(bias_corr2) / bias_corr1
        for idx, (grad, var) in enumerate(grads_and_vars):
            if self.clipper is not None:
                grad = grad.clamp(-self.clipper, self.clipper)
            slots = self._get_slots(idx, var)
            m, v = slots["m"], slots["v"]
            m.mul_(self.beta_1).add_(grad, alpha=1 - self.beta_1)
            v.mul_(self.beta_2).addcmul_(grad, grad, value=1 - self.beta_2)
            denom = v.sqrt().add_(self.epsilon)
            var.data.addcdiv_(m, denom, value=-step_size)
            var.grad = None


def main():
    vocab, hidden = 8000, 512
    model = nn.Sequential(nn.Embedding(vocab, hidden), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, vocab))
    model = model.cuda()
    src = torch.randint(0, vocab, (2048, 32))
    tgt = torch.randint(0, vocab, (2048, 32))
    loader = DataLoader(TensorDataset(src, tgt), batch_size=64, shuffle=True)
    optimizer = AdamOptimizer(learning_rate=7e-4, clipper=5.0)
    criterion = nn.CrossEntropyLoss(ignore_index=0)
    for epoch in range(3):
        for step, (features, labels) in enumerate(loader):
            features, labels = features.cuda(), labels.cuda()
            logits = model(features)
            loss = criterion(logits.view(-1, vocab), labels.view(-1))
            grads_and_vars = optimizer.compute_gradients(loss, list(model.parameters()))
            optimizer.apply_gradients(grads_and_vars)
            if step % 10 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
