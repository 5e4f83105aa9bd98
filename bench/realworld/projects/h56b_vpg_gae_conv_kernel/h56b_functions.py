# source: https://github.com/rlworkgroup/garage/issues/2181
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-created-without-device
# shape: multi-file, helper
# bug-lines: 16, 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Numerical helpers shared by the on-policy algorithms (VPG / PPO / TRPO)."""
import torch
import torch.nn.functional as F


def discount_kernel(decay, length):
    """decay**k for k = 0 .. length-1, shaped (out_channels, in_channels, width)
    so that it can be used as a conv1d weight."""
    powers = torch.arange(length, dtype=torch.float32)
    return torch.pow(decay, powers).view(1, 1, length)


def pad_batch(sequences, max_episode_length):
    """Right-pad a list of 1-D tensors to a (N, max_episode_length) tensor."""
    out = sequences[0].new_zeros(len(sequences), max_episode_length)
    for i, seq in enumerate(sequences):
        out[i, : seq.shape[0]] = seq
    return out


def compute_advantages(discount, gae_lambda, max_episode_length, baselines, rewards):
    """Generalized advantage estimation for padded (N, T) rewards / baselines."""
    next_values = F.pad(baselines, (0, 1))[:, 1:]
    deltas = rewards + discount * next_values - baselines
    kernel = discount_kernel(discount * gae_lambda, max_episode_length)
    # a cross-correlation over the zero-padded deltas gives sum_k (gamma*lambda)^k delta_{t+k}
    padded = F.pad(deltas, (0, max_episode_length - 1)).unsqueeze(1)
    advantages = F.conv1d(padded, kernel).squeeze(1)
    return advantages.reshape(rewards.shape)


def discount_cumsum(x, discount):
    """Reward-to-go for a single 1-D episode tensor (device-agnostic, loop based)."""
    out = torch.zeros_like(x)
    running = x.new_zeros(())
    for t in reversed(range(x.shape[0])):
        running = x[t] + discount * running
        out[t] = running
    return out
