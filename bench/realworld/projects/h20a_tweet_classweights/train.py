# source: https://github.com/sebsk/CS224N-Project/pull/2
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper, loader-loop
# bug-lines: 46, 47, 55
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from data_utils import LABELS, TweetDataset, build_vocab, label_weights, read_tweets
from model import TweetCNN


def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for ids, labels in loader:
            preds = model(ids.to(device)).argmax(dim=1).cpu()
            correct += (preds == labels).sum().item()
            total += labels.numel()
    return correct / max(total, 1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="data/train.csv")
    parser.add_argument("--dev", default="data/dev.csv")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_texts, train_labels = read_tweets(args.train)
    dev_texts, dev_labels = read_tweets(args.dev)
    vocab = build_vocab(train_texts)
    train_loader = DataLoader(TweetDataset(train_texts, train_labels, vocab),
                              batch_size=args.batch_size, shuffle=True)
    dev_loader = DataLoader(TweetDataset(dev_texts, dev_labels, vocab), batch_size=256)

    model = TweetCNN(len(vocab), len(LABELS)).to(device)
    train_label_weight = torch.from_numpy(label_weights(train_labels)).to(device)
    criterion = nn.CrossEntropyLoss(weight=train_label_weight)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(args.epochs):
        model.train()
        for ids, labels in train_loader:
            ids, labels = ids.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(ids), labels)
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} dev acc {evaluate(model, dev_loader, device):.3f}")


if __name__ == "__main__":
    main()
