# source: https://github.com/allenai/allennlp/issues/2182
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
import json

import torch
from torch.utils.data import DataLoader, Dataset

from model import DecomposableAttention
from trainer import Trainer


class SnliTensors(Dataset):
    def __init__(self, n=512, vocab=20000, max_len=24):
        self.premise = torch.randint(1, vocab, (n, max_len))
        self.hypothesis = torch.randint(1, vocab, (n, max_len // 2))
        self.label = torch.randint(0, 3, (n,))

    def __len__(self):
        return len(self.label)

    def __getitem__(self, i):
        return {"premise": self.premise[i], "hypothesis": self.hypothesis[i],
                "label": self.label[i]}


if __name__ == "__main__":
    config = json.loads('{"vocab": 20000, "lr": 0.05, "batch_size": 32, "epochs": 3,'
                        ' "cuda_device": 0}')
    loader = DataLoader(SnliTensors(vocab=config["vocab"]), batch_size=config["batch_size"],
                        shuffle=True)
    model = DecomposableAttention(config["vocab"])
    optimizer = torch.optim.Adagrad(model.parameters(), lr=config["lr"])
    trainer = Trainer(model, optimizer, loader, cuda_device=config["cuda_device"])
    trainer.train(config["epochs"])
