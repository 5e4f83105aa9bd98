# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL401 --confirm rules/TL401-factory-without-device/runtime_bad.py
# Noise made in `forward` without `device=` lands on the CPU, whatever device the
# module was moved to: adding it to the GPU logits fails.
import torch
from torch import nn


class NoisyGate(nn.Module):
    def __init__(self, dim, num_experts):
        super().__init__()
        self.gate = nn.Linear(dim, num_experts)

    def forward(self, hidden):
        logits = self.gate(hidden)
        noise = torch.randn(logits.shape)  # expect: TL401:17 lines=17
        return (logits + noise).softmax(-1)


if __name__ == "__main__":
    gate = NoisyGate(8, 4).to("cuda")
    print(gate(torch.randn(3, 8, device="cuda")).shape)
