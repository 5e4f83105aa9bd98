# source: https://github.com/LamUong/Generate-novel-molecules-with-LSTM/issues/1
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from data_loading import build_vocab, iterate_batches, read_smiles
from model import SmilesGenerator


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    smiles = read_smiles(args.data, max_len=args.max_len)
    vocab = build_vocab(smiles)
    model = SmilesGenerator(len(vocab)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(args.epochs):
        total, steps = 0.0, 0
        for x, y in iterate_batches(smiles, vocab, args.batch_size, args.max_len):
            logits, _ = model(x)
            loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total, steps = total + loss.item(), steps + 1
        print(f"epoch {epoch}: loss {total / max(steps, 1):.4f}")
    torch.save({"model": model.state_dict(), "vocab": vocab}, args.out)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="chembl_smiles.txt")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--max-len", type=int, default=100)
    p.add_argument("--out", default="smiles_lstm.pt")
    train(p.parse_args())
