# source: https://github.com/huggingface/lerobot/pull/126
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import os
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class ACTConfig:
    state_dim: int = 14
    action_dim: int = 14
    chunk_size: int = 20
    hidden: int = 256


class ACTPolicy(nn.Module):
    """Action-chunking policy for the bimanual ALOHA insertion task (state-only variant)."""

    def __init__(self, config, dataset_stats=None):
        super().__init__()
        self.config = config
        self.encoder = nn.Sequential(nn.Linear(config.state_dim, config.hidden), nn.ReLU())
        self.decoder = nn.Linear(config.hidden, config.action_dim * config.chunk_size)
        self.register_buffer("state_mean", torch.zeros(config.state_dim))
        self.register_buffer("state_std", torch.ones(config.state_dim))
        if dataset_stats is not None:
            self.state_mean.copy_(dataset_stats["observation.state"]["mean"])
            self.state_std.copy_(dataset_stats["observation.state"]["std"])

    @classmethod
    def from_pretrained(cls, pretrained_dir):
        policy = cls(ACTConfig())
        weights = torch.load(os.path.join(pretrained_dir, "model.pt"), map_location="cpu")
        policy.load_state_dict(weights)
        return policy

    @torch.no_grad()
    def select_action(self, batch):
        state = (batch["observation.state"] - self.state_mean) / self.state_std
        chunk = self.decoder(self.encoder(state)).view(-1, self.config.chunk_size, self.config.action_dim)
        return chunk[:, 0]
