# source: https://github.com/atomistic-machine-learning/schnetpack/issues/126
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: class, multi-file, batch-dict, loader-loop
# bug-lines: 43, 46
# needs: torch
# cpu: no written where torch was not installed; not run
"""Checkpointing trainer: restores the newest checkpoint on construction."""
import os
import sys

import torch


class Trainer:
    def __init__(self, model_path, model, loss_fn, optimizer, train_loader, keep_n_checkpoints=3):
        self.model_path = model_path
        self.checkpoint_path = os.path.join(model_path, "checkpoints")
        self._model = model
        self.loss_fn = loss_fn
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.keep_n_checkpoints = keep_n_checkpoints
        os.makedirs(self.checkpoint_path, exist_ok=True)
        if os.listdir(self.checkpoint_path):
            self.restore_checkpoint()
        else:
            self.epoch = 0
            self.store_checkpoint()

    def store_checkpoint(self):
        state = {"epoch": self.epoch, "model": self._model.state_dict(),
                 "optimizer": self.optimizer.state_dict()}
        torch.save(state, os.path.join(self.checkpoint_path, "checkpoint-%d.pth.tar" % self.epoch))

    def restore_checkpoint(self, epoch=None):
        if epoch is None:
            epoch = max(int(f.split(".")[0].split("-")[-1]) for f in os.listdir(self.checkpoint_path))
        chkpt = os.path.join(self.checkpoint_path, "checkpoint-%d.pth.tar" % epoch)
        state = torch.load(chkpt, map_location="cpu")
        self.epoch = state["epoch"]
        self._model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])

    def train(self, device, n_epochs=sys.maxsize):
        self._model.to(device)
        for _ in range(n_epochs):
            self.epoch += 1
            for train_batch in self.train_loader:
                train_batch = {k: v.to(device) for k, v in train_batch.items()}
                self.optimizer.zero_grad()
                result = self._model(train_batch)
                loss = self.loss_fn(train_batch, result)
                loss.backward()
                self.optimizer.step()
            self.store_checkpoint()
