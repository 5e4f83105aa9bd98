import torch
import torch.nn as nn


def build_tagger(vocab, tags):
    # Built on the CPU; nothing in the trainer moves it.
    return nn.Sequential(nn.Embedding(vocab, 64), nn.Linear(64, tags))


class TaggerTrainer:
    def __init__(self, vocab, tags):
        self.device = torch.device("cuda")
        self.model = build_tagger(vocab, tags)  # expect: TL211:22 lines=7,17,22
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def to_device(self, batch):
        return {key: value.to(self.device) for key, value in batch.items()}

    def step(self, batch):
        batch = self.to_device(batch)
        loss = nn.functional.cross_entropy(
            self.model(batch["tokens"]).flatten(0, 1), batch["tags"].flatten()
        )
        loss.backward()
        self.optimizer.step()


def train(batches):
    trainer = TaggerTrainer(1000, 9)
    for batch in batches:
        trainer.step(batch)
