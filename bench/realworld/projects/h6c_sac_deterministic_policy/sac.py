# source: https://github.com/pranz24/pytorch-soft-actor-critic/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run
import argparse

import gymnasium as gym
import numpy as np
import torch
import torch.nn.functional as F

from model import DeterministicPolicy, GaussianPolicy, QNetwork


class SAC:
    def __init__(self, num_inputs, action_space, args):
        self.gamma, self.tau, self.alpha = args.gamma, args.tau, args.alpha
        self.device = torch.device("cuda" if args.cuda else "cpu")
        n_act = action_space.shape[0]
        self.critic = QNetwork(num_inputs, n_act, args.hidden_size).to(self.device)
        self.critic_target = QNetwork(num_inputs, n_act, args.hidden_size).to(self.device)
        self.critic_target.load_state_dict(self.critic.state_dict())
        self.critic_optim = torch.optim.Adam(self.critic.parameters(), lr=args.lr)

        if args.policy == "Gaussian":
            self.policy = GaussianPolicy(num_inputs, n_act, args.hidden_size, action_space).to(self.device)
        else:
            self.alpha = 0
            self.policy = DeterministicPolicy(num_inputs, n_act, args.hidden_size, action_space).to(self.device)
        self.policy_optim = torch.optim.Adam(self.policy.parameters(), lr=args.lr)

    def select_action(self, state, evaluate=False):
        state = torch.as_tensor(state, dtype=torch.float32, device=self.device).unsqueeze(0)
        if evaluate:
            _, _, action = self.policy.sample(state)
        else:
            action, _, _ = self.policy.sample(state)
        return action.detach().cpu().numpy()[0]

    def update_critic(self, s, a, r, s2, done):
        with torch.no_grad():
            a2, logp2, _ = self.policy.sample(s2)
            q1_t, q2_t = self.critic_target(s2, a2)
            target = r + (1 - done) * self.gamma * (torch.min(q1_t, q2_t) - self.alpha * logp2)
        q1, q2 = self.critic(s, a)
        loss = F.mse_loss(q1, target) + F.mse_loss(q2, target)
        self.critic_optim.zero_grad()
        loss.backward()
        self.critic_optim.step()
        return loss.item()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default="HalfCheetah-v4")
    parser.add_argument("--policy", default="Deterministic")
    parser.add_argument("--cuda", action="store_true")
    parser.add_argument("--gamma", type=float, default=0.99)
    parser.add_argument("--tau", type=float, default=0.005)
    parser.add_argument("--alpha", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--hidden_size", type=int, default=256)
    args = parser.parse_args()

    env = gym.make(args.env)
    agent = SAC(env.observation_space.shape[0], env.action_space, args)
    state, _ = env.reset(seed=0)
    for step in range(1000):
        action = agent.select_action(np.asarray(state, dtype=np.float32))
        state, reward, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            state, _ = env.reset()
