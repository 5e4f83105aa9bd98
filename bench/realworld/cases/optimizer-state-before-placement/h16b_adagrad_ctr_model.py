# source: https://github.com/pytorch/pytorch/pull/18676 https://discuss.pytorch.org/t/effect-of-calling-model-cuda-after-constructing-an-optimizer/15165
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 40, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class WideAndDeepCTR(nn.Module):
    def __init__(self, field_sizes, emb_dim=16, hidden=(256, 128)):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(n, emb_dim) for n in field_sizes)
        self.wide = nn.ModuleList(nn.Embedding(n, 1) for n in field_sizes)
        layers, in_dim = [], emb_dim * len(field_sizes)
        for h in hidden:
            layers += [nn.Linear(in_dim, h), nn.ReLU()]
            in_dim = h
        layers.append(nn.Linear(in_dim, 1))
        self.deep = nn.Sequential(*layers)

    def forward(self, fields):
        deep_in = torch.cat([emb(fields[:, i]) for i, emb in enumerate(self.embeddings)], dim=-1)
        wide_out = sum(w(fields[:, i]) for i, w in enumerate(self.wide))
        return (self.deep(deep_in) + wide_out).squeeze(-1)


def synthetic_batches(field_sizes, n_batches=50, batch_size=1024):
    for _ in range(n_batches):
        fields = torch.stack([torch.randint(0, n, (batch_size,)) for n in field_sizes], dim=1)
        yield {"fields": fields, "click": torch.rand(batch_size).lt(0.1).float()}


def build(config):
    model = WideAndDeepCTR(config["field_sizes"], emb_dim=config["emb_dim"])
    opt_name = config.get("optimizer", "adagrad")
    if opt_name == "adagrad":
        optimizer = torch.optim.Adagrad(model.parameters(), lr=config["lr"],
                                        initial_accumulator_value=0.1)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"])
    return model, optimizer


def train(config):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, optimizer = build(config)
    model.to(device)
    loss_fn = nn.BCEWithLogitsLoss()
    for step, batch in enumerate(synthetic_batches(config["field_sizes"])):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = loss_fn(model(batch["fields"]), batch["click"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(step, round(loss.item(), 4))


if __name__ == "__main__":
    train({"field_sizes": [1000, 50, 24, 7, 300], "emb_dim": 16, "lr": 0.05})
