# source: https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/15 https://github.com/p-christ/Deep-Reinforcement-Learning-Algorithms-with-PyTorch/issues/32
# error: RuntimeError: Expected object of backend CPU but got backend CUDA for argument #4 'mat1'
# pattern: hard-coded-cuda
# shape: multi-file, class, batch-dict
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run

from dataclasses import dataclass

import gym
import numpy as np

from agent import DQNAgent


@dataclass
class Config:
    state_size: int = 4
    action_size: int = 2
    use_gpu: bool = False  # the GPU is busy with another run; CartPole is small
    lr: float = 5e-4
    gamma: float = 0.99
    tau: float = 1e-3
    buffer_size: int = 100_000
    batch_size: int = 64
    update_every: int = 4
    seed: int = 0


def run(n_episodes=500, eps_start=1.0, eps_end=0.01, eps_decay=0.995):
    env = gym.make("CartPole-v1")
    agent = DQNAgent(Config())
    eps, scores = eps_start, []
    for episode in range(n_episodes):
        state, _ = env.reset(seed=episode)
        total, done = 0.0, False
        while not done:
            action = agent.act(state, eps)
            next_state, reward, terminated, truncated, _ = env.step(action)
            done = terminated or truncated
            agent.step(state, action, reward, next_state, done)
            state, total = next_state, total + reward
        scores.append(total)
        eps = max(eps_end, eps * eps_decay)
        if episode % 20 == 0:
            print(f"episode {episode} avg100={np.mean(scores[-100:]):.1f}")


if __name__ == "__main__":
    run()
