# source: https://github.com/philtabor/Multi-Agent-Deep-Deterministic-Policy-Gradients/issues/7
# error: RuntimeError: Found dtype Float but expected Double
# pattern: loss-target-dtype
# shape: class, batch-dict
# bug-lines: 41, 51
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch as T
import torch.nn as nn
import torch.nn.functional as F


class CriticNetwork(nn.Module):
    def __init__(self, state_dim, n_agents, n_actions, fc=64, lr=1e-3):
        super().__init__()
        self.fc1 = nn.Linear(state_dim + n_agents * n_actions, fc)
        self.fc2 = nn.Linear(fc, fc)
        self.q = nn.Linear(fc, 1)
        self.optimizer = T.optim.Adam(self.parameters(), lr=lr)
        self.device = T.device("cuda:0" if T.cuda.is_available() else "cpu")
        self.to(self.device)

    def forward(self, state, actions):
        x = F.relu(self.fc1(T.cat([state, actions], dim=1)))
        return self.q(F.relu(self.fc2(x)))


class MADDPGLearner:
    def __init__(self, agents, critics, target_critics, gamma=0.95):
        self.agents = agents
        self.critics = critics
        self.target_critics = target_critics
        self.gamma = gamma

    def learn(self, batch):
        device = self.critics[0].device
        states = T.tensor(batch["states"], dtype=T.float, device=device)
        states_ = T.tensor(batch["states_"], dtype=T.float, device=device)
        actions = T.tensor(batch["actions"], dtype=T.float, device=device)
        rewards = T.tensor(batch["rewards"], device=device)
        dones = T.tensor(batch["dones"], device=device)
        new_actions = T.cat([a.target_actor(T.tensor(o, dtype=T.float, device=device))
                             for a, o in zip(self.agents, batch["actor_states_"])], dim=1)
        for i, critic in enumerate(self.critics):
            with T.no_grad():
                critic_value_ = self.target_critics[i](states_, new_actions).flatten()
                critic_value_[dones[:, 0]] = 0.0
                target = rewards[:, i] + self.gamma * critic_value_
            critic_value = critic(states, actions).flatten()
            critic_loss = F.mse_loss(target, critic_value)
            critic.optimizer.zero_grad()
            critic_loss.backward(retain_graph=True)
            critic.optimizer.step()


def sample_batch(buffer, batch_size=1024):
    idx = np.random.choice(len(buffer["rewards"]), batch_size, replace=False)
    return {k: (v[idx] if not isinstance(v, list) else [x[idx] for x in v])
            for k, v in buffer.items()}
