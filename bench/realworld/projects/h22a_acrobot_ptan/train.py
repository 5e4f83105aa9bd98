# source: https://github.com/Shmuma/ptan/pull/28
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.DoubleTensor for argument #4 'mat1'
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# looks-like: float64-input
# needs: torch, numpy, gym
# cpu: no written where torch was not installed; not run
import random

import gym
import numpy as np
import torch
import torch.nn.functional as F

from agent import DQNAgent, EpsilonGreedySelector, float32_preprocessor
from model import DQN, sync_target

GAMMA, BATCH, REPLAY = 0.99, 32, 10000
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

env = gym.make("Acrobot-v1")
net = DQN(env.observation_space.shape[0], env.action_space.n).to(device)
tgt_net = DQN(env.observation_space.shape[0], env.action_space.n).to(device)
sync_target(net, tgt_net)
selector = EpsilonGreedySelector(epsilon=1.0)
agent = DQNAgent(net, selector, device=device, preprocessor=float32_preprocessor)
optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
replay = []


def unpack(batch):
    states = float32_preprocessor([t["s"] for t in batch]).to(device)
    next_states = float32_preprocessor([t["s2"] for t in batch]).to(device)
    actions = torch.tensor([t["a"] for t in batch], device=device)
    rewards = torch.tensor([t["r"] for t in batch], dtype=torch.float32, device=device)
    dones = torch.tensor([t["done"] for t in batch], dtype=torch.bool, device=device)
    return states, actions, rewards, next_states, dones


obs, _ = env.reset()
for step in range(1, 50001):
    action = int(agent([obs])[0])
    obs2, reward, term, trunc, _ = env.step(action)
    replay.append({"s": obs, "a": action, "r": reward, "s2": obs2, "done": term})
    replay = replay[-REPLAY:]
    obs = env.reset()[0] if (term or trunc) else obs2
    selector.epsilon = max(0.02, 1.0 - step / 10000)
    if len(replay) < 1000:
        continue
    s, a, r, s2, d = unpack(random.sample(replay, BATCH))
    q = net(s).gather(1, a.unsqueeze(-1)).squeeze(-1)
    with torch.no_grad():
        q2 = tgt_net(s2).max(1)[0]
        q2[d] = 0.0
    loss = F.mse_loss(q, r + GAMMA * q2)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 1000 == 0:
        sync_target(net, tgt_net)
        print(step, np.round(loss.item(), 4))
