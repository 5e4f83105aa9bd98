import torch


def noise_levels(kind, steps=100):
    if kind == "linear":
        return torch.linspace(1e-4, 2e-2, steps)
    return torch.tensor([0.5 * (1 - i / steps) for i in range(steps)])


def pick(table, t, like):
    # The lookup follows the indices.
    return table.to(t.device)[t].view(-1, *([1] * (like.dim() - 1))).to(like)


class Noiser:
    def __init__(self, levels, device):
        # Kept where the indices will be.
        self.keep = torch.cumprod(1 - levels, dim=0).to(device)

    def add_noise(self, x, t):
        return self.keep[t].view(-1, 1) * x

    def add_noise_any(self, x, t):
        return pick(self.keep, t, x) * x


if __name__ == "__main__":
    device = torch.device("cuda")
    noiser = Noiser(noise_levels("linear"), device)
    x = torch.randn(4, 3, device=device)
    t = torch.randint(0, 100, (4,), device=device)
    print(noiser.add_noise(x, t), noiser.add_noise_any(x, t))
