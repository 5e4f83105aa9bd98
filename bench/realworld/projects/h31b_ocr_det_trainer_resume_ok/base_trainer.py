# source: https://github.com/Vipermdl/OCR_detection_IC15/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
"""Trainer with checkpoint resume; model is placed first, then the optimizer is built and restored."""
import os

import torch


def optimizer_state_to(optimizer, device):
    for param_state in optimizer.state.values():
        for name, value in list(param_state.items()):
            if torch.is_tensor(value):
                param_state[name] = value.to(device)


class Trainer:
    def __init__(self, model, loss_fn, optimizer_factory, config, resume=None):
        self.config = config
        self.device = torch.device("cuda:0" if config["cuda"] and torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.loss_fn = loss_fn
        self.optimizer = optimizer_factory(self.model.parameters())
        self.start_epoch = 1
        if resume:
            self._resume_checkpoint(resume)

    def _resume_checkpoint(self, resume_path):
        saved = torch.load(resume_path, map_location=self.device)
        self.model.load_state_dict(saved["state_dict"])
        self.optimizer.load_state_dict(saved["optimizer"])
        optimizer_state_to(self.optimizer, self.device)
        self.start_epoch = saved["epoch"] + 1
        print(f"resumed from {resume_path}, continuing at epoch {self.start_epoch}")

    def _save_checkpoint(self, epoch):
        state = {"epoch": epoch, "state_dict": self.model.state_dict(), "optimizer": self.optimizer.state_dict()}
        path = os.path.join(self.config["save_dir"], "checkpoint-epoch{:03d}.pth.tar".format(epoch))
        torch.save(state, path)

    def train(self, loader, epochs):
        for epoch in range(self.start_epoch, epochs + 1):
            self.model.train()
            total = 0.0
            for batch in loader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                score, geo = self.model(batch["image"])
                loss = self.loss_fn(score, geo, batch["score_map"], batch["geo_map"], batch["training_mask"])
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                total += loss.item()
            print("epoch {}: loss {:.4f}".format(epoch, total / max(len(loader), 1)))
            self._save_checkpoint(epoch)
