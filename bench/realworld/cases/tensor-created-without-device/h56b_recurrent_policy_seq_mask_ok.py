# source: https://github.com/ray-project/ray/pull/7980
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class, batch-dict
# looks-like: tensor-created-without-device
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""LSTM policy trained on padded sequence chunks; padded steps are masked out
of the PPO surrogate loss."""
import numpy as np
import torch
import torch.nn as nn


def sequence_mask(lengths, maxlen=None, dtype=torch.bool):
    """mask[i, t] is True for t < lengths[i]; built on the device of `lengths`."""
    if maxlen is None:
        maxlen = int(lengths.max())
    steps = torch.arange(maxlen, device=lengths.device)
    return (steps.unsqueeze(0) < lengths.unsqueeze(1)).to(dtype)


class RecurrentPolicy(nn.Module):
    def __init__(self, obs_dim, n_actions, cell_size=256):
        super().__init__()
        self.cell_size = cell_size
        self.fc = nn.Linear(obs_dim, cell_size)
        self.lstm = nn.LSTM(cell_size, cell_size, batch_first=True)
        self.logits = nn.Linear(cell_size, n_actions)

    def get_initial_state(self, batch_size):
        weight = self.fc.weight
        return (weight.new_zeros(1, batch_size, self.cell_size),
                weight.new_zeros(1, batch_size, self.cell_size))

    def forward(self, obs, state):
        out, state = self.lstm(torch.relu(self.fc(obs)), state)
        return self.logits(out), state


def ppo_loss(policy, batch, clip=0.2):
    obs, actions = batch["obs"], batch["actions"]
    seq_lens = torch.as_tensor(batch["seq_lens"])
    seq_lens = seq_lens.to(obs.device)
    state = policy.get_initial_state(obs.shape[0])
    logits, _ = policy(obs, state)
    logp = torch.log_softmax(logits, -1).gather(-1, actions.unsqueeze(-1)).squeeze(-1)
    ratio = torch.exp(logp - batch["old_logp"])
    adv = batch["advantages"]
    surrogate = torch.min(ratio * adv, ratio.clamp(1 - clip, 1 + clip) * adv)
    mask = sequence_mask(seq_lens, maxlen=obs.shape[1], dtype=surrogate.dtype)
    return -(surrogate * mask).sum() / mask.sum()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    policy = RecurrentPolicy(obs_dim=8, n_actions=4).to(device)
    B, T = 16, 20
    batch = {"obs": torch.randn(B, T, 8, device=device),
             "actions": torch.randint(0, 4, (B, T), device=device),
             "old_logp": torch.full((B, T), -1.386, device=device),
             "advantages": torch.randn(B, T, device=device),
             "seq_lens": np.random.randint(5, T + 1, size=B)}
    loss = ppo_loss(policy, batch)
    loss.backward()
    print(loss.item())
