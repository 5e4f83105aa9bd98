# source: https://github.com/autrainer/autrainer/pull/146
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 37, 53
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from checkpointing import load_pretrained_model_state, load_pretrained_optim_state, save_states


class LogMelCNN(nn.Module):
    def __init__(self, output_dim):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(128, output_dim)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class AudioTaskTrainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.device = torch.device(cfg.get("device", "cuda:0"))
        self.criterion = nn.CrossEntropyLoss().to(self.device)
        self.model = LogMelCNN(cfg["output_dim"])
        if cfg.get("model_checkpoint"):
            load_pretrained_model_state(self.model, cfg["model_checkpoint"], cfg.get("skip_last_layer", True))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=cfg["learning_rate"])
        if cfg.get("optimizer_checkpoint"):
            load_pretrained_optim_state(self.optimizer, cfg["optimizer_checkpoint"], cfg.get("skip_last_layer", True))

    def train_epoch(self, loader):
        self.model.train()
        total = 0.0
        for batch in loader:
            features = batch["features"].to(self.device)
            target = batch["target"].to(self.device)
            self.optimizer.zero_grad()
            loss = self.criterion(self.model(features), target)
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / max(len(loader), 1)

    def train(self, loader, iterations, out_dir):
        self.model.to(self.device)
        for it in range(1, iterations + 1):
            loss = self.train_epoch(loader)
            print(f"iteration {it}: loss={loss:.4f}")
        save_states(self.model, self.optimizer, out_dir)
