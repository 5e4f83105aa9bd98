# source: https://github.com/leggedrobotics/rsl_rl/issues/47
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""Deploy a locomotion policy trained on the GPU cluster onto the robot's CPU computer."""
import os
import torch
import torch.nn as nn


class ActorCritic(nn.Module):
    def __init__(self, num_obs, num_actions, hidden=256):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(num_obs, hidden), nn.ELU(),
                                   nn.Linear(hidden, hidden), nn.ELU(),
                                   nn.Linear(hidden, num_actions))
        self.critic = nn.Sequential(nn.Linear(num_obs, hidden), nn.ELU(),
                                    nn.Linear(hidden, 1))
        self.std = nn.Parameter(torch.ones(num_actions))

    def act_inference(self, obs):
        return self.actor(obs)


class OnPolicyRunner:
    def __init__(self, num_obs, num_actions, device="cpu"):
        self.device = device
        self.policy = ActorCritic(num_obs, num_actions).to(self.device)
        self.optimizer = torch.optim.Adam(self.policy.parameters(), lr=1e-3)
        self.current_learning_iteration = 0

    def save(self, path):
        torch.save({"model_state_dict": self.policy.state_dict(),
                    "optimizer_state_dict": self.optimizer.state_dict(),
                    "iter": self.current_learning_iteration}, path)

    def load(self, path, load_optimizer=True):
        loaded_dict = torch.load(path)
        self.policy.load_state_dict(loaded_dict["model_state_dict"])
        if load_optimizer:
            self.optimizer.load_state_dict(loaded_dict["optimizer_state_dict"])
        self.current_learning_iteration = loaded_dict["iter"]
        return loaded_dict.get("infos")

    def get_inference_policy(self):
        self.policy.eval()
        return self.policy.act_inference


if __name__ == "__main__":
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    runner = OnPolicyRunner(num_obs=48, num_actions=12, device=device)
    ckpt = os.path.join("logs", "rough_anymal", "model_1500.pt")
    runner.load(ckpt)
    policy = runner.get_inference_policy()
    obs = torch.zeros(1, 48, device=device)
    print(policy(obs))
