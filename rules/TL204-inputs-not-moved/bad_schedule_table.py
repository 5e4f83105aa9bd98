import torch


def noise_levels(kind, steps=100):
    # Made on the CPU on either path.
    if kind == "linear":
        return torch.linspace(1e-4, 2e-2, steps)  # expect: TL204:16 lines=12
    return torch.tensor([0.5 * (1 - i / steps) for i in range(steps)])


def pick(table, t, like):
    return table[t].view(-1, *([1] * (like.dim() - 1))).to(like)


class Noiser:
    def __init__(self, levels):
        self.keep = torch.cumprod(1 - levels, dim=0)

    def add_noise(self, x, t):
        return pick(self.keep, t, x) * x


if __name__ == "__main__":
    device = torch.device("cuda")
    noiser = Noiser(noise_levels("linear"))
    x = torch.randn(4, 3, device=device)
    t = torch.randint(0, 100, (4,), device=device)
    print(noiser.add_noise(x, t))
