# source: https://github.com/allenai/allennlp/issues/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 20, 39
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn.functional as F


class Trainer:
    def __init__(self, model, optimizer, train_loader, serialization_dir, cuda_device=-1, num_epochs=10):
        self.model = model
        self.optimizer = optimizer
        self.cuda_device = cuda_device
        if cuda_device >= 0:
            self.model = self.model.cuda(cuda_device)
        self.train_loader = train_loader
        self.serialization_dir = serialization_dir
        self.num_epochs = num_epochs

    def _move(self, batch):
        if self.cuda_device < 0:
            return batch
        return {k: v.cuda(self.cuda_device) for k, v in batch.items()}

    def _train_epoch(self):
        self.model.train()
        total = 0.0
        for batch in self.train_loader:
            batch = self._move(batch)
            logits = self.model(batch["premise"], batch["hypothesis"])
            loss = F.cross_entropy(logits, batch["label"])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / len(self.train_loader)

    def train(self):
        os.makedirs(self.serialization_dir, exist_ok=True)
        for epoch in range(self.num_epochs):
            loss = self._train_epoch()
            print(f"epoch {epoch}: train loss {loss:.4f}")
            torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                        "epoch": epoch}, os.path.join(self.serialization_dir, f"model_state_epoch_{epoch}.th"))
