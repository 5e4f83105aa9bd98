# The fixed twin of runtime_bad.py (docs/runtime.md):
# The state follows the velocity's GPU: it runs clean with two simulated GPUs.
# devices: 2
import torch


def momentum_state(velocity):
    device = velocity.device
    state = torch.zeros(velocity.shape, device=device)
    return state + velocity


def with_positions(x):
    # `.type_as(x)` takes x's type, "torch.cuda.FloatTensor", with no GPU index.
    steps = torch.arange(x.shape[0]).to(x)
    return x + steps


if __name__ == "__main__":
    velocity = torch.randn(4, device="cuda:1")
    try:
        print(momentum_state(velocity).shape)
    except RuntimeError as error:  # (so that the second mistake runs too)
        print(error)
    print(with_positions(velocity).shape)
