# source: https://github.com/orsic/swiftnet/issues/29
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 28, 41
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch

import config as conf


class Trainer:
    def __init__(self, conf, store_dir):
        self.conf = conf
        self.model = conf.model
        self.optimizer = conf.optimizer
        self.loader_train = conf.loader_train
        self.store_dir = store_dir

    def store(self, name, obj):
        os.makedirs(self.store_dir, exist_ok=True)
        torch.save(obj, os.path.join(self.store_dir, f"{name}.pt"))

    def __enter__(self):
        self.model.cuda()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.store("model", self.model.state_dict())

    def train(self):
        for epoch in range(self.conf.start_epoch, self.conf.epochs):
            self.model.train()
            for step, batch in enumerate(self.loader_train):
                self.optimizer.zero_grad()
                loss = self.model.loss(batch)
                loss.backward()
                self.optimizer.step()
            self.conf.lr_scheduler.step()
            self.store("model", self.model.state_dict())
            self.store("optimizer", {"state": self.optimizer.state_dict(), "epoch": epoch})
            print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    with Trainer(conf, store_dir=os.environ.get("RESUME_DIR", "saves/field_rn/stored")) as trainer:
        trainer.train()
