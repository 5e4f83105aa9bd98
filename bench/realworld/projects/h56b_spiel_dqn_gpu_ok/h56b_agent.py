# source: https://github.com/google-deepmind/open_spiel/issues/538
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: discarded-tensor-move
# shape: multi-file, class, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""DQN agent for turn-based games with an optional `device` argument."""
import copy

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from h56b_replay import ReplayBuffer, Transition

ILLEGAL_ACTION_LOGITS_PENALTY = -1e9


class DQN:
    def __init__(self, player_id, state_size, num_actions, hidden=(128,), batch_size=128,
                 replay_buffer_capacity=10000, discount_factor=1.0, device="cpu"):
        self.player_id, self._num_actions = player_id, num_actions
        self._batch_size, self._discount = batch_size, discount_factor
        self.device = torch.device(device)
        layers, size = [], state_size
        for width in hidden:
            layers += [nn.Linear(size, width), nn.ReLU()]
            size = width
        self._q_network = nn.Sequential(*layers, nn.Linear(size, num_actions))
        self._target_q_network = copy.deepcopy(self._q_network)
        self._q_network.to(self.device)
        self._target_q_network.to(self.device)
        self._optimizer = torch.optim.Adam(self._q_network.parameters(), lr=1e-3)
        self._replay_buffer = ReplayBuffer(replay_buffer_capacity)

    @torch.no_grad()
    def step(self, info_state, legal_actions, epsilon):
        if np.random.rand() < epsilon:
            return int(np.random.choice(legal_actions))
        info_state = torch.as_tensor(np.asarray(info_state), dtype=torch.float32)
        info_state = info_state.to(self.device).unsqueeze(0)
        q_values = self._q_network(info_state)[0].cpu().numpy()
        return int(legal_actions[np.argmax(q_values[legal_actions])])

    def add_transition(self, info_state, action, reward, next_info_state, done, legal_mask):
        self._replay_buffer.add(Transition(info_state, action, reward, next_info_state,
                                           float(done), legal_mask))

    def _batch_to_device(self, transitions):
        fields = {name: np.asarray([getattr(t, name) for t in transitions])
                  for name in Transition._fields}
        batch = {k: torch.as_tensor(v) for k, v in fields.items()}
        return {k: v.to(self.device) for k, v in batch.items()}

    def learn(self):
        if len(self._replay_buffer) < self._batch_size:
            return None
        b = self._batch_to_device(self._replay_buffer.sample(self._batch_size))
        q = self._q_network(b["info_state"].float())
        q = q.gather(1, b["action"].long().unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            target_q = self._target_q_network(b["next_info_state"].float())
            illegal = (1 - b["legal_actions_mask"].float()) * ILLEGAL_ACTION_LOGITS_PENALTY
            max_next_q = (target_q + illegal).max(dim=1).values
            not_done = 1 - b["is_final_step"].float()
            target = b["reward"].float() + not_done * self._discount * max_next_q
        loss = F.smooth_l1_loss(q, target)
        self._optimizer.zero_grad()
        loss.backward()
        self._optimizer.step()
        return loss.item()

    def update_target_network(self):
        self._target_q_network.load_state_dict(self._q_network.state_dict())
