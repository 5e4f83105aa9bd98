# source: https://github.com/PaddlePaddle/PARL/pull/646
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 62
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run
import argparse

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn


class QNet(nn.Module):
    def __init__(self, obs_dim, act_dim):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 128), nn.ReLU(),
                                  nn.Linear(128, 128), nn.ReLU(),
                                  nn.Linear(128, act_dim))

    def forward(self, obs):
        return self.body(obs)


class DQNAgent:
    """Agent in the usual learn / predict / sample / save / restore layout."""

    def __init__(self, model, act_dim, e_greed=0.1):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)
        self.act_dim = act_dim
        self.e_greed = e_greed

    def sample(self, obs):
        if np.random.rand() < self.e_greed:
            return np.random.randint(self.act_dim)
        return self.predict(obs)

    @torch.no_grad()
    def predict(self, obs):
        obs = torch.as_tensor(obs, dtype=torch.float32, device=self.device).unsqueeze(0)
        return int(self.model(obs).argmax(dim=-1).item())

    def learn(self, obs, act, reward, next_obs, done):
        raise NotImplementedError("training lives in train_dqn.py")

    def save(self, save_path, model=None):
        """Save parameters of `model` (defaults to the agent's network)."""
        if model is None:
            model = self.model
        torch.save(model.state_dict(), save_path)

    def restore(self, save_path, model=None):
        """Restore parameters previously written by save().

        The checkpoint usually comes from the GPU training box.
        """
        if model is None:
            model = self.model
        checkpoint = torch.load(save_path)
        model.load_state_dict(checkpoint)


def evaluate(agent, env, episodes=5):
    returns = []
    for _ in range(episodes):
        obs, _ = env.reset()
        done, total = False, 0.0
        while not done:
            obs, reward, terminated, truncated, _ = env.step(agent.predict(obs))
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="./dqn_cartpole.ckpt")
    args = parser.parse_args()
    env = gym.make("CartPole-v1")
    agent = DQNAgent(QNet(env.observation_space.shape[0], env.action_space.n), env.action_space.n)
    agent.restore(args.ckpt)
    print("mean return:", evaluate(agent, env))
