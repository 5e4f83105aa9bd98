# source: https://github.com/werner-duvaud/muzero-general/issues/174
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Reanalyse worker: refreshes the value targets of stored games with the latest
network.  It runs next to self-play, by default on the CPU."""
from dataclasses import dataclass

import numpy as np
import torch

from h56b_models import MuZeroFullyConnected


@dataclass
class Config:
    observation_size: int = 4
    action_space_size: int = 2
    reanalyse_on_gpu: bool = False


class Reanalyse:
    def __init__(self, initial_weights, config):
        self.model = MuZeroFullyConnected(config.observation_size, config.action_space_size)
        self.model.set_weights(initial_weights)
        self.model.to(torch.device("cuda" if config.reanalyse_on_gpu else "cpu"))
        self.model.eval()
        self.num_reanalysed_games = 0

    def reanalyse(self, replay_buffer, shared_weights, max_games=100):
        device = next(self.model.parameters()).device
        while self.num_reanalysed_games < max_games:
            self.model.set_weights(shared_weights())
            game_id, game = replay_buffer.sample_game()
            observations = torch.as_tensor(np.asarray(game["observations"], dtype=np.float32),
                                           device=device)
            with torch.no_grad():
                values, _, _ = self.model.initial_inference(observations)
            game["reanalysed_predicted_root_values"] = values.squeeze(-1).cpu().numpy()
            replay_buffer.update_game(game_id, game)
            self.num_reanalysed_games += 1


class ToyReplayBuffer:
    def __init__(self, n_games=8, length=50, obs_size=4):
        self.games = {i: {"observations": np.random.randn(length, obs_size)} for i in range(n_games)}

    def sample_game(self):
        game_id = int(np.random.randint(len(self.games)))
        return game_id, self.games[game_id]

    def update_game(self, game_id, game):
        self.games[game_id] = game


if __name__ == "__main__":
    cfg = Config()
    learner_net = MuZeroFullyConnected(cfg.observation_size, cfg.action_space_size)
    worker = Reanalyse(learner_net.get_weights(), cfg)
    worker.reanalyse(ToyReplayBuffer(), learner_net.get_weights, max_games=10)
    print("reanalysed", worker.num_reanalysed_games)
