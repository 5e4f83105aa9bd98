# source: https://github.com/ludwig-ai/ludwig/pull/3566
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 21
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from strategy import DDPStrategy


class Trainer:
    def __init__(self, model, strategy: DDPStrategy, lr=1e-3, batch_size=128, epochs=5):
        self.strategy = strategy
        self.device = strategy.device
        self.dist_model = strategy.prepare(model)
        self.dist_model = strategy.to_device(self.dist_model, self.device)
        self.optimizer = torch.optim.AdamW(self.dist_model.parameters(), lr=lr)
        self.batch_size = batch_size
        self.epochs = epochs

    def _loader(self, dataset, shuffle):
        sampler = DistributedSampler(dataset, shuffle=shuffle)
        return DataLoader(dataset, batch_size=self.batch_size, sampler=sampler, num_workers=4), sampler

    def train(self, train_set):
        loader, sampler = self._loader(train_set, shuffle=True)
        for epoch in range(self.epochs):
            sampler.set_epoch(epoch)
            self.dist_model.train()
            running = torch.zeros((), device=self.device)
            for batch in loader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                logits = self.dist_model(batch["features"])
                loss = F.cross_entropy(logits, batch["label"])
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                self.optimizer.step()
                running += loss.detach()
            mean_loss = self.strategy.allreduce_mean(running / len(loader))
            if self.strategy.is_coordinator():
                print(f"epoch {epoch}: train loss {mean_loss.item():.4f}")
        return self.dist_model.module
