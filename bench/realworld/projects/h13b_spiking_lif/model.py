# source: https://github.com/jeshraghian/snntorch/issues/316 https://github.com/jeshraghian/snntorch/issues/225
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from neurons import LeakyIntegrator


class SpikingMLP(nn.Module):
    def __init__(self, num_inputs=784, num_hidden=512, num_outputs=10, num_steps=25):
        super().__init__()
        self.num_steps = num_steps
        self.fc1 = nn.Linear(num_inputs, num_hidden)
        self.lif1 = LeakyIntegrator(beta=torch.linspace(0.80, 0.95, num_hidden))
        self.fc2 = nn.Linear(num_hidden, num_outputs)
        self.lif2 = LeakyIntegrator(beta=torch.full((num_outputs,), 0.9))

    def reset_state(self):
        self.lif1.reset_state()
        self.lif2.reset_state()

    def forward(self, spikes):
        self.reset_state()
        out_spikes = []
        for step in range(self.num_steps):
            cur1 = self.fc1(spikes[step])
            spk1 = self.lif1(cur1)
            cur2 = self.fc2(spk1)
            out_spikes.append(self.lif2(cur2))
        return torch.stack(out_spikes)
