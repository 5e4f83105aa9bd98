# source: https://github.com/allenai/allennlp/issues/2182
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 19
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, optimizer, train_loader, cuda_device=-1, grad_norm=10.0):
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.grad_norm = grad_norm
        self.cuda_device = cuda_device
        if cuda_device >= 0:
            model = model.cuda(cuda_device)
        self.model = model

    def _move(self, batch):
        if self.cuda_device < 0:
            return batch
        return {k: v.cuda(self.cuda_device) for k, v in batch.items()}

    def _train_epoch(self):
        self.model.train()
        total, seen = 0.0, 0
        for batch in self.train_loader:
            batch = self._move(batch)
            logits = self.model(batch["premise"], batch["hypothesis"])
            loss = F.cross_entropy(logits, batch["label"])
            self.optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.grad_norm)
            self.optimizer.step()
            total += loss.item() * batch["label"].numel()
            seen += batch["label"].numel()
        return total / max(seen, 1)

    def train(self, num_epochs):
        for epoch in range(num_epochs):
            print(f"epoch {epoch} loss {self._train_epoch():.4f}")
