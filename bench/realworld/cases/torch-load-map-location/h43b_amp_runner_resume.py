# source: https://github.com/gbionics/amp-rsl-rl/pull/16
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 52
# needs: torch
# cpu: no written where torch was not installed; not run

"""Play / resume helper for an AMP (adversarial motion prior) locomotion runner."""
import os

import torch
import torch.nn as nn


class ActorCritic(nn.Module):
    def __init__(self, num_obs, num_actions, hidden=256):
        super().__init__()
        self.actor = nn.Sequential(nn.Linear(num_obs, hidden), nn.ELU(), nn.Linear(hidden, num_actions))
        self.critic = nn.Sequential(nn.Linear(num_obs, hidden), nn.ELU(), nn.Linear(hidden, 1))
        self.log_std = nn.Parameter(torch.zeros(num_actions))

    def act_inference(self, obs):
        return self.actor(obs)


class AMPDiscriminator(nn.Module):
    def __init__(self, amp_obs_dim, hidden=512):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(2 * amp_obs_dim, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, state, next_state):
        return self.trunk(torch.cat([state, next_state], dim=-1))


class AMPOnPolicyRunner:
    def __init__(self, num_obs, num_actions, amp_obs_dim, device="cpu"):
        self.device = torch.device(device)
        self.actor_critic = ActorCritic(num_obs, num_actions).to(self.device)
        self.discriminator = AMPDiscriminator(amp_obs_dim).to(self.device)
        params = list(self.actor_critic.parameters()) + list(self.discriminator.parameters())
        self.optimizer = torch.optim.Adam(params, lr=1e-3)
        self.current_learning_iteration = 0

    def save(self, path, infos=None):
        torch.save({"model_state_dict": self.actor_critic.state_dict(),
                    "discriminator_state_dict": self.discriminator.state_dict(),
                    "optimizer_state_dict": self.optimizer.state_dict(),
                    "iter": self.current_learning_iteration, "infos": infos}, path)

    def load(self, path, load_optimizer=True):
        loaded_dict = torch.load(path)
        self.actor_critic.load_state_dict(loaded_dict["model_state_dict"])
        self.discriminator.load_state_dict(loaded_dict["discriminator_state_dict"])
        if load_optimizer:
            self.optimizer.load_state_dict(loaded_dict["optimizer_state_dict"])
        self.current_learning_iteration = loaded_dict["iter"]
        return loaded_dict["infos"]

    def get_inference_policy(self):
        self.actor_critic.eval()
        return self.actor_critic.act_inference


def play(log_dir, checkpoint="model_5000.pt"):
    # robot laptop without a GPU; the checkpoint was written by the training cluster
    runner = AMPOnPolicyRunner(num_obs=71, num_actions=12, amp_obs_dim=30, device="cpu")
    runner.load(os.path.join(log_dir, checkpoint), load_optimizer=False)
    policy = runner.get_inference_policy()
    obs = torch.zeros(1, 71)
    with torch.no_grad():
        actions = policy(obs)
    print("first action:", actions.squeeze(0).tolist())


if __name__ == "__main__":
    play("logs/amp_humanoid_walk")
