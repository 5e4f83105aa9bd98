# source: https://github.com/synsense/sinabs/issues/84
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 29, 30
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class LeakyIntegrator(nn.Module):
    """Spiking neuron layer that keeps its membrane potential between calls."""

    def __init__(self, tau_mem=20.0, threshold=1.0):
        super().__init__()
        self.alpha = float(torch.exp(torch.tensor(-1.0 / tau_mem)))
        self.threshold = threshold
        self.register_buffer("v_mem", torch.zeros(0))

    def reset_states(self):
        self.v_mem = torch.zeros_like(self.v_mem)

    def _match_batch_size(self, buffer, new_batch_size):
        if buffer.shape[0] >= new_batch_size:
            return buffer[:new_batch_size]
        # grow the state by re-using randomly picked stored samples
        indices = torch.randint(low=0, high=buffer.shape[0], size=(new_batch_size,))
        return torch.index_select(buffer, 0, indices)

    def forward(self, x):  # x: (batch, time, features)
        batch, n_steps = x.shape[:2]
        if self.v_mem.numel() == 0:
            self.v_mem = torch.zeros(batch, *x.shape[2:], device=x.device)
        else:
            self.v_mem = self._match_batch_size(self.v_mem, batch)
        spikes = []
        for t in range(n_steps):
            self.v_mem = self.alpha * self.v_mem + x[:, t]
            s = (self.v_mem >= self.threshold).float()
            self.v_mem = self.v_mem - s * self.threshold
            spikes.append(s)
        return torch.stack(spikes, dim=1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    in_features = 34 * 34 * 2
    net = nn.Sequential(nn.Linear(in_features, 128), LeakyIntegrator()).to(device)

    with torch.no_grad():
        for _ in range(3):  # warm-up passes with the training batch size
            net(torch.rand(32, 50, in_features, device=device))
        # evaluation uses a larger batch without resetting the neuron states
        test_events = torch.rand(64, 50, in_features).to(device)
        rate = net(test_events).mean()
    print(f"mean firing rate: {rate.item():.3f}")
