# source: https://github.com/KohakuBlueleaf/LyCORIS/pull/212
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: helper, class
# bug-lines: 57, 58
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class LoConModule(nn.Module):
    def __init__(self, org_module, dim=4, alpha=1.0, multiplier=1.0):
        super().__init__()
        self.lora_down = nn.Linear(org_module.in_features, dim, bias=False)
        self.lora_up = nn.Linear(dim, org_module.out_features, bias=False)
        nn.init.zeros_(self.lora_up.weight)
        self.scale = alpha / dim * multiplier
        self.org_forward = None
        self.org_module = [org_module]

    def apply_to(self):
        self.org_forward = self.org_module[0].forward
        self.org_module[0].forward = self.forward

    def forward(self, x):
        return self.org_forward(x) + self.lora_up(self.lora_down(x)) * self.scale


class LycorisNetwork(nn.Module):
    def __init__(self, base, dim, alpha, multiplier):
        super().__init__()
        self.loras = nn.ModuleList(
            LoConModule(m, dim, alpha, multiplier)
            for _, m in base.named_modules() if isinstance(m, nn.Linear)
        )

    def apply_to(self):
        for lora in self.loras:
            lora.apply_to()


def create_network(multiplier, dim, alpha, base):
    return LycorisNetwork(base, dim, alpha, multiplier)


def build_text_model():
    return nn.Sequential(nn.Embedding(1000, 64), nn.Linear(64, 64), nn.GELU(), nn.Linear(64, 64))


def train(args):
    device = torch.device("cuda")
    text_model = build_text_model()
    text_model.to(device)
    text_model.requires_grad_(False)

    network = create_network(args["multiplier"], args["dim"], args["alpha"], text_model)
    network.apply_to()
    optimizer = torch.optim.AdamW(network.parameters(), lr=args["lr"])

    for step in range(args["steps"]):
        ids = torch.randint(0, 1000, (8, 16), device=device)
        loss = text_model(ids).pow(2).mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    train({"multiplier": 1.0, "dim": 8, "alpha": 4.0, "lr": 1e-4, "steps": 10})
