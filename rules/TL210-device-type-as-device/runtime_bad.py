# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL210 --confirm rules/TL210-device-type-as-device/runtime_bad.py --devices 2
# devices: 2
# The velocity is on GPU 1; `velocity.device.type` is "cuda", the current GPU (0),
# so the state is made there: 'found at least two devices, cuda:1 and cuda:0'.
import torch


def momentum_state(velocity):
    device = velocity.device.type  # expect: TL210:14 lines=11
    state = torch.zeros(velocity.shape, device=device)
    return state + velocity


def with_positions(x):
    # `.type_as(x)` takes x's type, "torch.cuda.FloatTensor", with no GPU index.
    steps = torch.arange(x.shape[0]).type_as(x)  # expect: TL210:38 lines=22
    return x + steps


if __name__ == "__main__":
    velocity = torch.randn(4, device="cuda:1")
    try:
        print(momentum_state(velocity).shape)
    except RuntimeError as error:  # (so that the second mistake runs too)
        print(error)
    print(with_positions(velocity).shape)
