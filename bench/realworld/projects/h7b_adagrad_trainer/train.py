# source: https://github.com/allenai/allennlp/issues/205
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, loader-loop
# bug-lines: 22
# needs: torch
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
from torch.utils.data import DataLoader

from tagger import SimpleTagger
from trainer import Trainer


def optimizer_from_params(model, params):
    params = dict(params)
    name = params.pop("type", "adagrad")
    if name == "adagrad":
        return torch.optim.Adagrad(model.parameters(), **params)
    return torch.optim.SGD(model.parameters(), **params)


def collate(rows):
    length = max(len(r["tokens"]) for r in rows)
    tokens = torch.zeros(len(rows), length, dtype=torch.long)
    tags = torch.zeros(len(rows), length, dtype=torch.long)
    for i, r in enumerate(rows):
        tokens[i, : len(r["tokens"])] = torch.tensor(r["tokens"])
        tags[i, : len(r["tags"])] = torch.tensor(r["tags"])
    return {"tokens": tokens, "tags": tags}


def train_model(config):
    model = SimpleTagger(config["vocab_size"], config["num_tags"])
    optimizer = optimizer_from_params(model, config["optimizer"])
    rows = [{"tokens": [3, 8, 15, 4], "tags": [1, 2, 2, 1]}] * 256
    loader = DataLoader(rows, batch_size=32, shuffle=True, collate_fn=collate)
    trainer = Trainer(model, optimizer, loader, num_epochs=config["num_epochs"],
                      cuda_device=config["cuda_device"])
    trainer.train()
    return model


if __name__ == "__main__":
    config = {"vocab_size": 5000, "num_tags": 20, "num_epochs": 5, "cuda_device": 0,
              "optimizer": {"type": "adagrad", "lr": 0.05, "initial_accumulator_value": 0.1}}
    if len(sys.argv) > 1:
        config.update(json.load(open(sys.argv[1])))
    train_model(config)
