# source: https://github.com/michaelsdr/momentumnet/pull/30
# error: none (correct: the full torch.device, index included, is reused)
# shape: class, helper
# looks-like: legacy-type-cast
# cpu: clean
# needs: torch
import torch

RADIX_SCALE = 2 ** 52


class TorchExactRep:
    def __init__(self, val, device=None):
        if device is None:
            device = val.device
        self.intrep = torch.zeros(val.shape, dtype=torch.long, device=device)
        self.intrep += (val * RADIX_SCALE).long()
        self.store = torch.zeros(val.shape, dtype=torch.long, device=device)

    def mul(self, a):
        n, d = int(a * 100), 100
        self.store = self.store * d + self.intrep % d
        self.intrep = self.intrep // d * n
        return self

    def add(self, v):
        self.intrep = self.intrep + (v * RADIX_SCALE).long()
        return self

    def val(self):
        return self.intrep.double() / RADIX_SCALE


def momentum_step(velocity, grad, gamma):
    return TorchExactRep(velocity).mul(gamma).add((1 - gamma) * grad).val()


if __name__ == "__main__":
    n_gpu = torch.cuda.device_count()
    device = torch.device(f"cuda:{n_gpu - 1}") if n_gpu else torch.device("cpu")
    velocity = torch.zeros(4, device=device)
    print(momentum_step(velocity, torch.randn(4, device=device), gamma=0.9))
