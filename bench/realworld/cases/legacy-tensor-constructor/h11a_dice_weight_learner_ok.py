# source: https://github.com/hakuhodo-technologies/scope-rl/issues/31
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: class, helper
# looks-like: legacy-tensor-constructor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Minimax state-action weight learning (DICE-style) for off-policy evaluation."""
import numpy as np
import torch
import torch.nn as nn


def mlp(in_dim, hidden=100):
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, 1))


class ContinuousDiceWeightLearner:
    def __init__(self, state_dim, action_dim, gamma=0.99, lr=1e-4, batch_size=128, device="cuda:0"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.gamma = gamma
        self.batch_size = batch_size
        self.w_function = mlp(state_dim + action_dim).to(self.device)
        self.v_function = mlp(state_dim + action_dim).to(self.device)
        self.w_opt = torch.optim.Adam(self.w_function.parameters(), lr=lr)
        self.v_opt = torch.optim.Adam(self.v_function.parameters(), lr=lr)

    def _to_tensor(self, array):
        # build on the host with the legacy constructor, then move explicitly
        return torch.FloatTensor(np.asarray(array, dtype=np.float32)).to(self.device)

    def fit(self, logged, next_eval_actions, init_states, init_actions, n_steps=5000):
        n = len(logged["state"])
        for _ in range(n_steps):
            idx = np.random.randint(n, size=self.batch_size)
            state = self._to_tensor(logged["state"][idx])
            action = self._to_tensor(logged["action"][idx])
            next_state = self._to_tensor(logged["next_state"][idx])
            next_action = self._to_tensor(next_eval_actions[idx])
            j = np.random.randint(len(init_states), size=self.batch_size)
            s0 = self._to_tensor(init_states[j])
            a0 = self._to_tensor(init_actions[j])

            w = self.w_function(torch.cat([state, action], dim=1))
            v = self.v_function(torch.cat([state, action], dim=1))
            v_next = self.v_function(torch.cat([next_state, next_action], dim=1))
            v_init = self.v_function(torch.cat([s0, a0], dim=1))
            objective = (1 - self.gamma) * v_init.mean() + (w * (self.gamma * v_next - v)).mean()

            self.v_opt.zero_grad()
            self.w_opt.zero_grad()
            objective.backward()
            for p in self.v_function.parameters():
                p.grad.neg_()
            self.v_opt.step()
            self.w_opt.step()
        return self

    def predict_weights(self, states, actions):
        with torch.no_grad():
            sa = torch.cat([self._to_tensor(states), self._to_tensor(actions)], dim=1)
            return self.w_function(sa).squeeze(1).cpu().numpy()
