# The schedule is made on a device that falls back to the CPU, so this code runs
# without a GPU too; the noise it is mixed with is put on CUDA by name.
import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def noisy_timesteps(n_steps, scale=0.1):
    steps = torch.arange(n_steps, device=DEVICE).float() / n_steps
    return steps + scale * torch.randn(n_steps).cuda()  # expect: TL212:28 lines=10,9,5


def shifted(values):
    offset = torch.full(values.shape, 0.5).cuda()  # expect: TL212:14 lines=15,20,5
    return torch.cat([values, offset])


if __name__ == "__main__":
    timesteps = noisy_timesteps(50)
    print(shifted(torch.linspace(0, 1, 8).to(DEVICE)))
