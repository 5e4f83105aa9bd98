# source: https://github.com/ZJU-Robotics-Lab/model-based-social-navigation/issues/5
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: hard-coded-cuda
# shape: class
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class PedestrianDynamicsModel(nn.Module):
    """Predicts the next robot/crowd state (x, y, vx, vy per agent) from state + action."""

    def __init__(self, state_dim, action_dim, hidden=200):
        super().__init__()
        self.generator = nn.Sequential(
            nn.Linear(state_dim + action_dim, hidden), nn.SiLU(),
            nn.Linear(hidden, hidden), nn.SiLU(),
            nn.Linear(hidden, state_dim),
        )
        self.optimizer_G = torch.optim.Adam(self.generator.parameters(), lr=1e-3)

    def forward(self, state, action):
        return state + self.generator(torch.cat([state, action], dim=-1))


class EnsembleModel:
    def __init__(self, num_models, state_dim, action_dim, device=DEVICE):
        self.device = device
        self.model_list = [PedestrianDynamicsModel(state_dim, action_dim).to(device) for _ in range(num_models)]

    def save(self, prefix):
        for idx, m in enumerate(self.model_list):
            torch.save(m.generator.state_dict(), f"{prefix}_{idx}_generator")
            torch.save(m.optimizer_G.state_dict(), f"{prefix}_{idx}_generator_optimizer")

    def load(self, prefix):
        for idx, m in enumerate(self.model_list):
            filename = f"{prefix}_{idx}"
            m.generator.load_state_dict(torch.load(filename + "_generator", map_location=self.device))
            m.optimizer_G.load_state_dict(torch.load(filename + "_generator_optimizer", map_location=self.device))

    @torch.no_grad()
    def predict(self, state, action):
        state = torch.as_tensor(state, dtype=torch.float32, device=self.device)
        action = torch.as_tensor(action, dtype=torch.float32, device=self.device)
        preds = torch.stack([m(state, action) for m in self.model_list])
        return preds.mean(0).cpu().numpy(), preds.std(0).cpu().numpy()


if __name__ == "__main__":
    ensemble = EnsembleModel(num_models=5, state_dim=4 * 6, action_dim=2)
    if os.path.exists("models/crowd_ensemble_0_generator"):
        ensemble.load("models/crowd_ensemble")
    mean, std = ensemble.predict([0.0] * 24, [0.5, 0.0])
    print("predicted next state", mean.round(3), "epistemic std", std.mean())
