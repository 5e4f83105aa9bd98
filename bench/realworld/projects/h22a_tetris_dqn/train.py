# source: https://github.com/seigot/tetris/issues/32 https://github.com/seigot/tetris/issues/56
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, helper
# bug-lines: 41, 43, 44
# needs: torch
# cpu: no written where torch was not installed; not run
import random

import torch
import torch.nn.functional as F

from deep_q_network import DeepQNetwork
from replay import ReplayMemory
from tetris_env import Tetris

GAMMA, BATCH, EPOCHS = 0.99, 512, 3000
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

model = DeepQNetwork().to(device)
target = DeepQNetwork().to(device)
target.load_state_dict(model.state_dict())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
memory = ReplayMemory()
env = Tetris()


def choose_action(state_dict, epsilon):
    actions, states = zip(*state_dict.items())
    next_states = torch.stack([torch.FloatTensor(s) for s in states]).to(device)
    if random.random() < epsilon:
        idx = random.randrange(len(actions))
    else:
        with torch.no_grad():
            idx = int(torch.argmax(model(next_states)[:, 0]))
    return actions[idx], torch.FloatTensor(states[idx])


def learn():
    batch = memory.sample(BATCH)
    q = model(batch["state"])
    with torch.no_grad():
        q_next = target(batch["next_state"])
    y = batch["reward"] + GAMMA * q_next * (1 - batch["done"])
    loss = F.mse_loss(q, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


state = torch.FloatTensor(env.reset())
for epoch in range(EPOCHS):
    eps = max(0.001, 1.0 - epoch / 2000)
    action, next_state = choose_action(env.get_next_states(), eps)
    reward, done = env.step(action)
    memory.push(state, reward, next_state, done)
    state = torch.FloatTensor(env.reset()) if done else next_state
    if len(memory) >= BATCH // 10:
        loss = learn()
        if epoch % 50 == 0:
            target.load_state_dict(model.state_dict())
            print(f"epoch {epoch} loss {loss:.4f} score {env.score}")
