# source: https://github.com/pytorch/pytorch/issues/43815
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: class, batch-dict, loader-loop
# bug-lines: 19, 24
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class PerModalityNorm(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.stats = {}
        for name, dim in dims.items():
            self.register_buffer(f"mean_{name}", torch.zeros(dim))
            self.register_buffer(f"var_{name}", torch.ones(dim))
            self.stats[name] = (getattr(self, f"mean_{name}"), getattr(self, f"var_{name}"))

    def forward(self, feats):
        out = {}
        for name, x in feats.items():
            mean, var = self.stats[name]
            out[name] = (x - mean) / torch.sqrt(var + 1e-5)
        return out


class FusionNet(nn.Module):
    def __init__(self, dims, n_cls):
        super().__init__()
        self.norm = PerModalityNorm(dims)
        self.head = nn.Linear(sum(dims.values()), n_cls)

    def forward(self, batch):
        feats = self.norm({k: batch[k] for k in ("audio", "video")})
        return self.head(torch.cat([feats["audio"], feats["video"]], dim=-1))


def batches(n, bs):
    for _ in range(n):
        yield {"audio": torch.randn(bs, 40), "video": torch.randn(bs, 128), "label": torch.randint(0, 5, (bs,))}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FusionNet({"audio": 40, "video": 128}, n_cls=5)
    model.to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for batch in batches(3, 8):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = nn.functional.cross_entropy(model(batch), batch["label"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
