# source: https://github.com/werner-duvaud/muzero-general/pull/190
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# bug-lines: 18
# needs: torch
# cpu: no written where torch was not installed; not run
from types import SimpleNamespace

import torch

from models import MuZeroNetwork


class DiagnoseModel:
    def __init__(self, checkpoint, config):
        self.config = config
        self.model = MuZeroNetwork(config)
        self.model.set_weights = self.model.load_state_dict
        self.model.set_weights(checkpoint["weights"])
        self.model.eval()

    def get_virtual_trajectory_from_obs(self, observation, horizon):
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        observation = torch.tensor(observation).float().unsqueeze(0).to(device)
        with torch.no_grad():
            value, policy_logits, hidden_state = self.model.initial_inference(observation)
        trajectory = [(value.item(), policy_logits.argmax().item())]
        return trajectory[:horizon]


if __name__ == "__main__":
    cfg = SimpleNamespace(observation_size=8, action_space_size=4, encoding_size=16,
                          hidden_layers=[32], selfplay_on_gpu=False)
    weights = MuZeroNetwork(cfg).state_dict()
    diag = DiagnoseModel({"weights": weights}, cfg)
    print(diag.get_virtual_trajectory_from_obs([0.1] * 8, horizon=5))
