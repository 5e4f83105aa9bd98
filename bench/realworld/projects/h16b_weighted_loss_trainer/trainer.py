# source: https://github.com/freud14/poutyne/pull/25
# error: RuntimeError: Expected all tensors to be on the same device, but got weight is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_nll_loss_forward)
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 27
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class Trainer:
    def __init__(self, network, optimizer, loss_function, device):
        self.device = device
        self.network = network.to(device)
        self.optimizer = optimizer
        self.loss_function = loss_function

    def _to_device(self, x, y):
        return x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)

    def fit_epoch(self, loader):
        self.network.train()
        running, seen = 0.0, 0
        for x, y in loader:
            x, y = self._to_device(x, y)
            logits = self.network(x)
            loss = self.loss_function(logits, y)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            running += loss.item() * x.size(0)
            seen += x.size(0)
        return running / seen

    @torch.no_grad()
    def evaluate(self, loader):
        self.network.eval()
        correct, seen = 0, 0
        for x, y in loader:
            x, y = self._to_device(x, y)
            correct += (self.network(x).argmax(-1) == y).sum().item()
            seen += y.numel()
        return correct / seen
