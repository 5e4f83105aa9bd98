# Runnable companion of good.py for the runtime check (docs/runtime.md): the noise is
# made like the logits (`randn_like`: same device and dtype). Runs clean under
# simulated CUDA.
import torch
from torch import nn


class NoisyGate(nn.Module):
    def __init__(self, dim, num_experts):
        super().__init__()
        self.gate = nn.Linear(dim, num_experts)

    def forward(self, hidden):
        logits = self.gate(hidden)
        noise = torch.randn_like(logits)
        return (logits + noise).softmax(-1)


if __name__ == "__main__":
    gate = NoisyGate(8, 4).to("cuda")
    print(gate(torch.randn(3, 8, device="cuda")).shape)
