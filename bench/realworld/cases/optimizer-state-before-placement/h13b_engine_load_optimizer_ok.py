# source: https://github.com/rwth-i6/returnn/pull/1346
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, helper, loader-loop
# looks-like: optimizer-state-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
from torch.utils.data import DataLoader


class Updater:
    def __init__(self, model, learning_rate=1e-3, weight_decay=0.01):
        self.model = model
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate,
                                           weight_decay=weight_decay)

    def load_optimizer(self, filename):
        print(f"Load optimizer {filename}")
        optimizer_state = torch.load(filename, map_location=torch.device("cpu"))
        self.optimizer.load_state_dict(optimizer_state)

    def save_optimizer(self, filename):
        torch.save(self.optimizer.state_dict(), filename)

    def step(self, loss):
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


class Engine:
    def __init__(self, model, model_dir, device=None):
        self._device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model_dir = model_dir
        self.model = model
        self._load_model()
        self.model.to(self._device)
        self.updater = Updater(self.model)
        opt_file = os.path.join(model_dir, "last.opt.pt")
        if os.path.exists(opt_file):
            self.updater.load_optimizer(opt_file)

    def _load_model(self):
        path = os.path.join(self.model_dir, "last.pt")
        if os.path.exists(path):
            checkpoint_state = torch.load(path, map_location=torch.device("cpu"))
            self.model.load_state_dict(checkpoint_state["model"])

    def train_epoch(self, dataset, loss_fn, batch_size=32):
        self.model.train()
        for features, targets in DataLoader(dataset, batch_size=batch_size, shuffle=True):
            features, targets = features.to(self._device), targets.to(self._device)
            loss = loss_fn(self.model(features), targets)
            self.updater.step(loss)
        torch.save({"model": self.model.state_dict()}, os.path.join(self.model_dir, "last.pt"))
        self.updater.save_optimizer(os.path.join(self.model_dir, "last.opt.pt"))
