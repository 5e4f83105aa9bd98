# source: https://github.com/allenai/allennlp/issues/5186
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: module-not-placed
# shape: multi-file, loader-loop, batch-dict
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch

from data import Vocabulary, build_loaders
from model import SimpleClassifier


def move_to_device(batch, device):
    return {name: tensor.to(device) for name, tensor in batch.items()}


class GradientDescentTrainer:
    def __init__(self, model, optimizer, train_loader, dev_loader, device, num_epochs=5):
        # the model is expected to already live on `device`
        self.model, self.optimizer = model, optimizer
        self.train_loader, self.dev_loader = train_loader, dev_loader
        self.device, self.num_epochs = device, num_epochs

    def _run(self, loader, train):
        self.model.train(train)
        total, n = 0.0, 0
        for batch in loader:
            batch = move_to_device(batch, self.device)
            with torch.set_grad_enabled(train):
                output = self.model(**batch)
            if train:
                self.optimizer.zero_grad()
                output["loss"].backward()
                self.optimizer.step()
            total, n = total + output["loss"].item(), n + 1
        return total / max(n, 1)

    def train(self):
        for epoch in range(self.num_epochs):
            tr = self._run(self.train_loader, True)
            dv = self._run(self.dev_loader, False)
            print(f"epoch {epoch}: train {tr:.4f} dev {dv:.4f}")


def run_training_loop(train_path, dev_path):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    vocab = Vocabulary()
    train_loader, dev_loader = build_loaders(train_path, dev_path, vocab)
    model = SimpleClassifier(len(vocab.tokens), len(vocab.labels))
    model = model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    GradientDescentTrainer(model, optimizer, train_loader, dev_loader, device).train()
    return model


if __name__ == "__main__":
    run_training_loop("quick_start/data/movie_review/train.tsv", "quick_start/data/movie_review/dev.tsv")
