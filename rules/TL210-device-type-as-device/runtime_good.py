# The fixed twin of runtime_bad.py (docs/runtime.md):
# The state follows the velocity's GPU: it runs clean with two simulated GPUs.
# devices: 2
import torch


def momentum_state(velocity):
    device = velocity.device
    state = torch.zeros(velocity.shape, device=device)
    return state + velocity


if __name__ == "__main__":
    print(momentum_state(torch.randn(4, device="cuda:1")).shape)
