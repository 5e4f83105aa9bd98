# source: https://github.com/ufal/npfl122/pull/103
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class
# bug-lines: 51
# needs: torch, numpy, gymnasium
# cpu: no written where torch was not installed; not run
"""BipedalWalker DDPG-style agent: trained on a GPU box, evaluated with --recodex on a CPU grader."""
import argparse

import gymnasium as gym
import numpy as np
import torch


class Network:
    def __init__(self, env, args):
        self._device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        obs_dim = env.observation_space.shape[0]
        act_dim = env.action_space.shape[0]
        self._actor = torch.nn.Sequential(
            torch.nn.Linear(obs_dim, args.hidden_layer_size), torch.nn.ReLU(),
            torch.nn.Linear(args.hidden_layer_size, args.hidden_layer_size), torch.nn.ReLU(),
            torch.nn.Linear(args.hidden_layer_size, act_dim), torch.nn.Tanh(),
        ).to(self._device)
        self._critic = torch.nn.Sequential(
            torch.nn.Linear(obs_dim + act_dim, args.hidden_layer_size), torch.nn.ReLU(),
            torch.nn.Linear(args.hidden_layer_size, 1),
        ).to(self._device)
        self._actor_opt = torch.optim.Adam(self._actor.parameters(), lr=args.learning_rate)
        self._critic_opt = torch.optim.Adam(self._critic.parameters(), lr=args.learning_rate)

    def train(self, states, actions, returns):
        states = torch.as_tensor(states, dtype=torch.float32, device=self._device)
        actions = torch.as_tensor(actions, dtype=torch.float32, device=self._device)
        returns = torch.as_tensor(returns, dtype=torch.float32, device=self._device)
        critic_loss = ((self._critic(torch.cat([states, actions], 1)).squeeze(1) - returns) ** 2).mean()
        self._critic_opt.zero_grad(); critic_loss.backward(); self._critic_opt.step()
        actor_loss = -self._critic(torch.cat([states, self._actor(states)], 1)).mean()
        self._actor_opt.zero_grad(); actor_loss.backward(); self._actor_opt.step()

    @torch.no_grad()
    def predict_actions(self, states):
        states = torch.as_tensor(np.asarray(states), dtype=torch.float32, device=self._device)
        return self._actor(states).cpu().numpy()

    def save_actor(self, path):
        torch.save(self._actor.state_dict(), path)

    def load_actor(self, path):
        self._actor.load_state_dict(torch.load(path))


def main(env, args):
    network = Network(env, args)
    if args.recodex:
        network.load_actor(args.model_path)
        while True:
            state, _ = env.reset()
            done = False
            while not done:
                action = network.predict_actions([state])[0]
                state, _, terminated, truncated, _ = env.step(action)
                done = terminated or truncated
    # ... training loop elided: collects transitions, calls network.train(...) ...
    network.save_actor(args.model_path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--recodex", action="store_true")
    parser.add_argument("--hidden_layer_size", type=int, default=256)
    parser.add_argument("--learning_rate", type=float, default=3e-4)
    parser.add_argument("--model_path", default="walker.model")
    args = parser.parse_args()
    main(gym.make("BipedalWalker-v3"), args)
