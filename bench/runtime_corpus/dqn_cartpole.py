# source: https://github.com/pytorch/tutorials/blob/main/intermediate_source/reinforcement_q_learning.py
# what: the DQN tutorial: states turned into tensors with torch.tensor(state,
#   device=device).unsqueeze(0), epsilon-greedy actions as torch.tensor([[...]],
#   device=device, dtype=torch.long), a replay memory of namedtuples, the non-final
#   mask made with device=device, next-state values in torch.zeros(BATCH_SIZE,
#   device=device), SmoothL1Loss, gradient value clipping, a soft target update through
#   state dicts.
# shrunk: a 4-number stand-in for the CartPole environment (no gymnasium), a hidden
#   width of 32, 40 steps.
import math
import random
from collections import deque, namedtuple

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
Transition = namedtuple("Transition", ("state", "action", "next_state", "reward"))


class ToyCartPole:
    def reset(self):
        self.t, self.state = 0, [random.uniform(-0.05, 0.05) for _ in range(4)]
        return self.state, {}

    def step(self, action):
        self.t += 1
        self.state = [s + (0.01 if action else -0.01) for s in self.state]
        terminated = abs(self.state[0]) > 0.2 or self.t >= 10
        return self.state, 1.0, terminated, False, {}


class ReplayMemory:
    def __init__(self, capacity):
        self.memory = deque([], maxlen=capacity)

    def push(self, *args):
        self.memory.append(Transition(*args))

    def sample(self, batch_size):
        return random.sample(self.memory, batch_size)

    def __len__(self):
        return len(self.memory)


class DQN(nn.Module):
    def __init__(self, n_observations, n_actions):
        super().__init__()
        self.layer1, self.layer2, self.layer3 = (
            nn.Linear(n_observations, 32),
            nn.Linear(32, 32),
            nn.Linear(32, n_actions),
        )

    def forward(self, x):
        return self.layer3(F.relu(self.layer2(F.relu(self.layer1(x)))))


BATCH_SIZE, GAMMA, EPS_START, EPS_END, EPS_DECAY, TAU, LR = 8, 0.99, 0.9, 0.05, 100, 0.005, 1e-4
env = ToyCartPole()
state, info = env.reset()
policy_net, target_net = DQN(len(state), 2).to(device), DQN(len(state), 2).to(device)
target_net.load_state_dict(policy_net.state_dict())
optimizer = optim.AdamW(policy_net.parameters(), lr=LR, amsgrad=True)
memory = ReplayMemory(1000)
steps_done = 0


def select_action(state):
    global steps_done
    eps_threshold = EPS_END + (EPS_START - EPS_END) * math.exp(-1.0 * steps_done / EPS_DECAY)
    steps_done += 1
    if random.random() > eps_threshold:
        with torch.no_grad():
            return policy_net(state).max(1).indices.view(1, 1)
    return torch.tensor([[random.randrange(2)]], device=device, dtype=torch.long)


def optimize_model():
    if len(memory) < BATCH_SIZE:
        return
    batch = Transition(*zip(*memory.sample(BATCH_SIZE)))
    non_final_mask = torch.tensor(
        tuple(map(lambda s: s is not None, batch.next_state)), device=device, dtype=torch.bool
    )
    non_final_next_states = torch.cat([s for s in batch.next_state if s is not None])
    state_batch, action_batch, reward_batch = (
        torch.cat(batch.state),
        torch.cat(batch.action),
        torch.cat(batch.reward),
    )
    state_action_values = policy_net(state_batch).gather(1, action_batch)
    next_state_values = torch.zeros(BATCH_SIZE, device=device)
    with torch.no_grad():
        next_state_values[non_final_mask] = target_net(non_final_next_states).max(1).values
    expected_state_action_values = (next_state_values * GAMMA) + reward_batch
    loss = nn.SmoothL1Loss()(state_action_values, expected_state_action_values.unsqueeze(1))
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_value_(policy_net.parameters(), 100)
    optimizer.step()


random.seed(0)
for i_episode in range(4):
    state, info = env.reset()
    state = torch.tensor(state, dtype=torch.float32, device=device).unsqueeze(0)
    for t in range(10):
        action = select_action(state)
        observation, reward, terminated, truncated, _ = env.step(action.item())
        reward = torch.tensor([reward], device=device)
        next_state = (
            None
            if terminated
            else torch.tensor(observation, dtype=torch.float32, device=device).unsqueeze(0)
        )
        memory.push(state, action, next_state, reward)
        state = next_state
        optimize_model()
        target_net_state_dict, policy_net_state_dict = (
            target_net.state_dict(),
            policy_net.state_dict(),
        )
        for key in policy_net_state_dict:
            target_net_state_dict[key] = policy_net_state_dict[key] * TAU + target_net_state_dict[
                key
            ] * (1 - TAU)
        target_net.load_state_dict(target_net_state_dict)
        if terminated or truncated:
            break
    print(f"episode {i_episode}: {t + 1} steps")
