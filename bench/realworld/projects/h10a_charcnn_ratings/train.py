# source: https://github.com/ahmedbesbes/character-based-cnn/issues/5
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target' in call to _thnn_nll_loss_forward
# shape: multi-file, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn

from data_loader import ALPHABET, make_loaders
from model import CharacterLevelCNN


def train(model, loader, optimizer, criterion, device):
    model.train()
    total, correct, running = 0, 0, 0.0
    for features, labels in loader:
        features, labels = features.to(device), labels.to(device)
        optimizer.zero_grad()
        predictions = model(features)
        loss = criterion(predictions, labels)
        loss.backward()
        optimizer.step()
        running += loss.item() * labels.size(0)
        correct += (predictions.argmax(1) == labels).sum().item()
        total += labels.size(0)
    return running / total, correct / total


def run(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader, val_loader = make_loaders(args.train_csv, args.val_csv, batch_size=args.batch_size,
                                            max_length=args.max_length, group_labels=args.group_labels)
    num_classes = 3 if args.group_labels else 11
    model = CharacterLevelCNN(len(ALPHABET), args.max_length, num_classes).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(args.epochs):
        loss, acc = train(model, train_loader, optimizer, criterion, device)
        print(f"epoch {epoch}: loss {loss:.4f} acc {acc:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train_csv", default="data/train.csv")
    parser.add_argument("--val_csv", default="data/test.csv")
    parser.add_argument("--batch_size", type=int, default=128)
    parser.add_argument("--max_length", type=int, default=150)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--group_labels", action="store_true")
    run(parser.parse_args())
