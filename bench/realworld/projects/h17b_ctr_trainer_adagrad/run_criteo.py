# source: https://github.com/datawhalechina/torch-rechub/pull/26
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, batch-dict, loader-loop
# needs: torch, scikit-learn
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn

from trainer import CTRTrainer


class DeepFM(nn.Module):
    def __init__(self, vocab_sizes, embed_dim=16, mlp_dims=(256, 128)):
        super().__init__()
        self.fields = list(vocab_sizes)
        self.embed = nn.ModuleDict({f: nn.Embedding(n, embed_dim) for f, n in vocab_sizes.items()})
        self.linear = nn.ModuleDict({f: nn.Embedding(n, 1) for f, n in vocab_sizes.items()})
        layers, d = [], embed_dim * len(self.fields)
        for h in mlp_dims:
            layers += [nn.Linear(d, h), nn.ReLU()]
            d = h
        self.mlp = nn.Sequential(*layers, nn.Linear(d, 1))

    def forward(self, x):
        emb = torch.stack([self.embed[f](x[f]) for f in self.fields], dim=1)
        lin = sum(self.linear[f](x[f]) for f in self.fields).squeeze(-1)
        fm = 0.5 * (emb.sum(1).pow(2) - emb.pow(2).sum(1)).sum(1)
        return torch.sigmoid(lin + fm + self.mlp(emb.flatten(1)).squeeze(-1))


def synthetic_loader(vocab_sizes, n=4096, batch_size=256):
    data = [({f: torch.randint(0, v, ()) for f, v in vocab_sizes.items()}, torch.randint(0, 2, ())) for _ in range(n)]
    return torch.utils.data.DataLoader(data, batch_size=batch_size, shuffle=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda:0")
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()

    vocab = {"C%d" % i: 1000 for i in range(1, 27)}
    model = DeepFM(vocab)
    trainer = CTRTrainer(model, optimizer_fn=torch.optim.Adagrad,
                         optimizer_params={"lr": 0.01, "weight_decay": 1e-6},
                         n_epoch=args.epochs, device=args.device)
    trainer.fit(synthetic_loader(vocab), synthetic_loader(vocab, n=1024))
