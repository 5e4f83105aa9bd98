# source: https://github.com/chemprop/chemprop/issues/1028 https://github.com/chemprop/chemprop/issues/949
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper, class
# bug-lines: 47
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from checkpoint import load_submodules


class FingerprintRegressor(nn.Module):
    def __init__(self, in_dim=2048, hidden_dim=300, n_layers=3, dropout=0.1, task_weights=None):
        super().__init__()
        self.in_dim = in_dim
        self.hidden_dim = hidden_dim
        self.n_layers = n_layers
        self.dropout = dropout
        if task_weights is None:
            task_weights = torch.ones(1)
        self.task_weights = task_weights
        layers, width = [], in_dim
        for _ in range(n_layers - 1):
            layers += [nn.Linear(width, hidden_dim), nn.ReLU(), nn.Dropout(dropout)]
            width = hidden_dim
        layers.append(nn.Linear(width, task_weights.numel()))
        self.ffn = nn.Sequential(*layers)
        self.register_buffer("y_mean", torch.zeros(task_weights.numel()))
        self.register_buffer("y_std", torch.ones(task_weights.numel()))

    def forward(self, fingerprints):
        return self.ffn(fingerprints)

    @torch.no_grad()
    def predict(self, fingerprints):
        self.eval()
        return self(fingerprints) * self.y_std + self.y_mean

    def weighted_mse(self, preds, targets):
        w = self.task_weights.to(preds.device)
        return ((preds - targets) ** 2 * w).mean()

    @classmethod
    def load_from_checkpoint(cls, path, map_location=None, **overrides):
        hparams, state_dict = load_submodules(path, **overrides)
        model = cls(**hparams)
        model.load_state_dict(state_dict)
        if map_location is not None:
            model = model.to(map_location)
        return model
