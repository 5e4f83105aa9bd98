# source: https://github.com/marlbenchmark/off-policy/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from networks import MADDPGActor, MADDPGCritic


class MADDPGPolicy:
    def __init__(self, config, policy_config):
        self.device = config["device"]
        self.args = config["args"]
        obs_dim = policy_config["obs_dim"]
        act_dim = policy_config["act_dim"]
        cent_obs_dim = policy_config["cent_obs_dim"]
        cent_act_dim = policy_config["cent_act_dim"]

        self.actor = MADDPGActor(self.args, obs_dim, act_dim, self.device)
        self.critic = MADDPGCritic(self.args, cent_obs_dim, cent_act_dim, self.device)
        self.actor_optimizer = torch.optim.Adam(self.actor.parameters(), lr=self.args.lr)
        self.critic_optimizer = torch.optim.Adam(self.critic.parameters(), lr=self.args.lr)

    def get_actions(self, obs):
        obs = torch.as_tensor(obs, dtype=torch.float32, device=self.device)
        return self.actor(obs)

    def get_q_values(self, cent_obs, cent_act):
        return self.critic(cent_obs, cent_act)
