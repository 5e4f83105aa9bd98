# source: https://github.com/NVIDIA/Isaac-GR00T/issues/280 https://github.com/NVIDIA/Isaac-GR00T/pull/294
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-added-after-placement
# shape: class
# bug-lines: 61, 64
# cpu: clean
# needs: torch
import copy
from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class ActionHeadConfig:
    hidden: int = 32
    action_dim: int = 7
    action_horizon: int = 16


class FlowActionHead(nn.Module):
    def __init__(self, config: ActionHeadConfig):
        super().__init__()
        self.config = config
        self.proj = nn.Linear(config.hidden, config.hidden)
        self.decoder = nn.Linear(config.hidden, config.action_dim * config.action_horizon)

    def forward(self, feats):
        out = self.decoder(torch.relu(self.proj(feats)))
        return out.view(feats.shape[0], self.config.action_horizon, self.config.action_dim)


class VLAModel(nn.Module):
    def __init__(self, obs_dim=20, config=ActionHeadConfig()):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(obs_dim, config.hidden), nn.GELU())
        self.action_head = FlowActionHead(config)

    def forward(self, obs):
        return self.action_head(self.backbone(obs))


class Policy:
    def __init__(self, checkpoint, modality_horizon, device="cuda" if torch.cuda.is_available() else "cpu"):
        self.device = device
        self.modality_horizon = modality_horizon
        self.model = self._load_model(checkpoint)

    def _load_model(self, checkpoint):
        model = VLAModel()
        model.load_state_dict(checkpoint)
        model.eval()
        model.to(device=self.device)

        expected = self.modality_horizon
        if expected != model.action_head.config.action_horizon:
            print(f"Policy: recreating action head with action_horizon {expected}")
            new_config = copy.deepcopy(model.action_head.config)
            new_config.action_horizon = expected
            new_head = FlowActionHead(new_config)
            # keep the shared projection weights from the old head
            new_head.proj.load_state_dict(model.action_head.proj.state_dict())
            model.action_head = new_head
        return model

    @torch.no_grad()
    def get_action(self, observation: dict):
        obs = observation["state"].to(self.device)
        return self.model(obs).cpu()


if __name__ == "__main__":
    ckpt = VLAModel().state_dict()
    policy = Policy(ckpt, modality_horizon=8)
    actions = policy.get_action({"state": torch.randn(2, 20)})
    print(actions.shape)
