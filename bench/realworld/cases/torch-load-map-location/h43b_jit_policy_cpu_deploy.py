# source: https://github.com/takuseno/d3rlpy/issues/198
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class
# looks-like: torch-load-map-location
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""Export a GPU-trained offline-RL policy to TorchScript and run it on the robot's CPU."""
import numpy as np
import torch
import torch.nn as nn


class DeterministicPolicy(nn.Module):
    def __init__(self, obs_dim=48, act_dim=12, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(obs_dim, hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, act_dim), nn.Tanh())

    def forward(self, obs):
        return self.net(obs)


def export_policy(policy, obs_stats, path="policy.pt", stats_path="obs_stats.pt"):
    # runs on the training box; tensors in the saved files live on cuda:0
    device = next(policy.parameters()).device
    example = torch.zeros(1, 48, device=device)
    torch.jit.trace(policy.eval(), example).save(path)
    torch.save({k: torch.as_tensor(v, dtype=torch.float32, device=device) for k, v in obs_stats.items()},
               stats_path)


class OnboardController:
    def __init__(self, path="policy.pt", stats_path="obs_stats.pt"):
        self.device = torch.device("cpu")
        self.policy = torch.jit.load(path, map_location=self.device)
        stats = torch.load(stats_path, map_location=self.device)
        self.mean, self.std = stats["mean"], stats["std"].clamp(min=1e-6)

    @torch.no_grad()
    def act(self, obs_np):
        obs = torch.as_tensor(np.asarray(obs_np, dtype=np.float32), device=self.device).unsqueeze(0)
        return self.policy((obs - self.mean) / self.std).squeeze(0).numpy()


def control_loop(controller, n_ticks=200):
    obs = np.zeros(48, dtype=np.float32)
    for tick in range(n_ticks):
        action = controller.act(obs)
        obs = 0.95 * obs + 0.05 * np.concatenate([action, action, action, action])
        if tick % 50 == 0:
            print(f"tick {tick}: |a|={np.abs(action).mean():.3f}")


if __name__ == "__main__":
    if torch.cuda.is_available():
        trained = DeterministicPolicy().cuda()
        export_policy(trained, {"mean": np.zeros(48), "std": np.ones(48)})
    control_loop(OnboardController())
