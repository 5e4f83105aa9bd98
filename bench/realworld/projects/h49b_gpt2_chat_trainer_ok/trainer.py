# source: https://github.com/chenjunyi1999/ChatBot-GPT2/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Training loop with best-checkpoint saving and resume for the GPT-2 chatbot."""
import math
import os

import numpy as np
import torch


class ChatTrainer:
    def __init__(self, model, optim, sched, train_loader, valid_loader, device, ckpt_dir, resume=None):
        self.model, self.optim, self.sched = model, optim, sched
        self.train_loader, self.valid_loader = train_loader, valid_loader
        self.device, self.ckpt_dir = device, ckpt_dir
        self.best_loss, self.last_epoch = float("inf"), 0
        path = os.path.join(ckpt_dir, f"{resume}.ckpt") if resume else None
        if path and os.path.exists(path):
            ckpt = torch.load(path, map_location=self.device)
            self.model.load_state_dict(ckpt["model_state_dict"])
            self.optim.load_state_dict(ckpt["optim_state_dict"])
            self.sched.load_state_dict(ckpt["sched_state_dict"])
            self.best_loss, self.last_epoch = ckpt["loss"], ckpt["epoch"]

    def _step(self, batch):
        ids, types, labels = (t.to(self.device) for t in batch)
        return self.model(input_ids=ids, token_type_ids=types, labels=labels).loss

    def train(self, num_epochs):
        for epoch in range(self.last_epoch + 1, self.last_epoch + 1 + num_epochs):
            self.model.train()
            for batch in self.train_loader:
                loss = self._step(batch)
                self.optim.zero_grad()
                loss.backward()
                self.optim.step()
                self.sched.step()
            valid_loss = self.validate()
            print(f"epoch {epoch}: valid loss {valid_loss:.4f} ppl {math.exp(min(valid_loss, 20)):.2f}")
            if valid_loss < self.best_loss:
                self.best_loss = valid_loss
                torch.save({"model_state_dict": self.model.state_dict(),
                            "optim_state_dict": self.optim.state_dict(),
                            "sched_state_dict": self.sched.state_dict(),
                            "loss": valid_loss, "epoch": epoch},
                           os.path.join(self.ckpt_dir, f"best_epoch={epoch}.ckpt"))

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        return float(np.mean([self._step(b).item() for b in self.valid_loader]))
