# source: https://github.com/babylm/evaluation-pipeline-2025/pull/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: module-not-placed
# shape: multi-file, class, batch-dict, loader-loop
# bug-lines: 21, 32, 45
# cpu: clean
# needs: torch
import argparse
import random

import torch

from data import make_loader
from model import build_classifier


class Trainer:
    def __init__(self, args):
        self.args = args
        self.device = torch.device(args.device)
        self.model = build_classifier(args.vocab_size, args.num_labels)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=args.lr, weight_decay=0.01)

    def _to_device(self, batch):
        return {key: value.to(self.device) for key, value in batch.items()}

    def train_epoch(self, loader):
        self.model.train()
        total = 0.0
        for batch in loader:
            batch = self._to_device(batch)
            loss, _ = self.model(**batch)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / max(len(loader), 1)

    @torch.no_grad()
    def evaluate(self, loader):
        self.model.eval()
        correct = seen = 0
        for batch in loader:
            batch = self._to_device(batch)
            _, logits = self.model(**batch)
            correct += (logits.argmax(-1) == batch["labels"]).sum().item()
            seen += batch["labels"].numel()
        return correct / max(seen, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--vocab_size", type=int, default=500)
    parser.add_argument("--num_labels", type=int, default=2)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    words = ["the", "child", "saw", "a", "dog", "ran", "home", "big", "small", "cat"]
    examples = [(" ".join(random.choices(words, k=random.randint(3, 12))), random.randint(0, 1)) for _ in range(64)]
    train_loader = make_loader(examples[:48], args.vocab_size)
    eval_loader = make_loader(examples[48:], args.vocab_size, shuffle=False)

    trainer = Trainer(args)
    for epoch in range(args.epochs):
        loss = trainer.train_epoch(train_loader)
        acc = trainer.evaluate(eval_loader)
        print(f"epoch {epoch}: loss={loss:.4f} acc={acc:.3f}")


if __name__ == "__main__":
    main()
