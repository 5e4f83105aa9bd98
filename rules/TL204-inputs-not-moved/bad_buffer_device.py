import torch
from torch import nn


class StepSampler(nn.Module):
    def __init__(self, steps=100):
        super().__init__()
        self.register_buffer("betas", torch.linspace(1e-4, 2e-2, steps))

    def draw(self, n):
        # Drawn where the buffer is: on the module's device.
        t = torch.randint(0, len(self.betas), (n,), device=self.betas.device)
        weights = torch.linspace(0.0, 1.0, len(self.betas))  # expect: TL204:19 lines=14
        return weights[t]


if __name__ == "__main__":
    sampler = StepSampler().to(torch.device("cuda"))
    print(sampler.draw(8))
