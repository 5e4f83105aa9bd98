# The noise follows the schedule's device, and the one `.cuda()` left is on a path
# only the run with a GPU takes.
import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def noisy_timesteps(n_steps, scale=0.1):
    steps = torch.arange(n_steps, device=DEVICE).float() / n_steps
    return steps + scale * torch.randn(n_steps, device=steps.device)


def shifted(values):
    offset = torch.full(values.shape, 0.5)
    if torch.cuda.is_available():
        offset = offset.cuda()
    return torch.cat([values, offset.to(values.device)])


if __name__ == "__main__":
    timesteps = noisy_timesteps(50)
    print(shifted(torch.linspace(0, 1, 8).to(DEVICE)))
