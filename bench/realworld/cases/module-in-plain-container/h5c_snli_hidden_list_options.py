# source: https://github.com/pytorch/pytorch/issues/715
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class, batch-dict
# bug-lines: 19, 21
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

options = {"n_words": 5000, "dim_word": 64, "n_hid": 128, "n_layers": 3, "act": "ReLU", "lr": 1e-3}


class SNLINet(nn.Module):
    def __init__(self, options):
        super().__init__()
        self.emb = nn.Embedding(options["n_words"], options["dim_word"])
        self.enc = nn.Linear(2 * options["dim_word"], options["n_hid"])
        self.hids = []
        for li in range(options["n_layers"]):
            self.hids.append([nn.Linear(options["n_hid"], options["n_hid"]), getattr(nn, options["act"])()])
        self.classifier = nn.Linear(options["n_hid"], 3)

    def encode(self, tokens):
        return self.emb(tokens).mean(1)

    def forward(self, premise, hypothesis):
        h = self.enc(torch.cat([self.encode(premise), self.encode(hypothesis)], dim=-1))
        for linear, act in self.hids:
            h = act(linear(h))
        return self.classifier(h)


def get_batch(batch_size=16, seq=20):
    return {"premise": torch.randint(0, options["n_words"], (batch_size, seq)),
            "hypothesis": torch.randint(0, options["n_words"], (batch_size, seq)),
            "label": torch.randint(0, 3, (batch_size,))}


if __name__ == "__main__":
    device = torch.device("cuda")
    net = SNLINet(options).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=options["lr"])
    for it in range(100):
        batch = {k: v.to(device) for k, v in get_batch().items()}
        logits = net(batch["premise"], batch["hypothesis"])
        loss = nn.functional.cross_entropy(logits, batch["label"])
        opt.zero_grad()
        loss.backward()
        opt.step()
