# source: https://github.com/Xillv/Code-for-AEGCN-Glove/issues/3
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 26, 52
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Train the aspect GCN on the restaurant split."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from h63a_data_utils import ABSADataset, Tokenizer, build_embedding_matrix
from h63a_models import AspectGCN

INPUT_COLS = ["text_indices", "aspect_indices", "left_indices", "dependency_graph"]


def evaluate(model, loader, device):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for batch in loader:
            inputs = [batch[col].to(device) for col in INPUT_COLS]
            preds = model(inputs).argmax(dim=-1)
            correct += (preds == batch["polarity"].to(device)).sum().item()
            total += preds.numel()
    return correct / max(total, 1)


def main(opt):
    device = torch.device(opt.device if torch.cuda.is_available() else "cpu")
    tokenizer = Tokenizer(opt.max_seq_len)
    for fname in (opt.train_file, opt.test_file):
        with open(fname, encoding="utf-8") as f:
            for line in f:
                tokenizer.fit_on_text(line.replace("$T$", " "))
    embedding_matrix = build_embedding_matrix(tokenizer.word2idx, glove_path=opt.glove)

    train_loader = DataLoader(ABSADataset(opt.train_file, tokenizer), batch_size=opt.batch_size, shuffle=True)
    test_loader = DataLoader(ABSADataset(opt.test_file, tokenizer), batch_size=opt.batch_size)

    model = AspectGCN(embedding_matrix, opt.hidden_dim, 3).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=opt.lr)

    for epoch in range(opt.num_epoch):
        model.train()
        for batch in train_loader:
            inputs = [batch[col].to(device) for col in INPUT_COLS]
            targets = batch["polarity"].to(device)
            loss = criterion(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: test acc {evaluate(model, test_loader, device):.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train_file", default="datasets/semeval14/restaurant_train.raw")
    parser.add_argument("--test_file", default="datasets/semeval14/restaurant_test.raw")
    parser.add_argument("--glove", default=None)
    parser.add_argument("--max_seq_len", type=int, default=85)
    parser.add_argument("--hidden_dim", type=int, default=300)
    parser.add_argument("--batch_size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--num_epoch", type=int, default=30)
    parser.add_argument("--device", default="cuda")
    main(parser.parse_args())
