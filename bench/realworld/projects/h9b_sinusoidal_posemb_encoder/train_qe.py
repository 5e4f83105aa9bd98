# source: https://github.com/facebookresearch/fairseq/issues/4420
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the QE regressor on (token ids, human score) pairs stored with torch.save."""
import argparse

import torch
import torch.nn.functional as F
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from encoder import QEEncoder

PAD = 1


def collate(samples):
    src = pad_sequence([s["ids"] for s in samples], batch_first=True, padding_value=PAD)
    return {"src_tokens": src, "target": torch.tensor([s["score"] for s in samples])}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/qe_train.pt")
    p.add_argument("--vocab-size", type=int, default=32000)
    p.add_argument("--epochs", type=int, default=10)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    samples = torch.load(args.data, map_location="cpu")
    loader = DataLoader(samples, batch_size=32, shuffle=True, collate_fn=collate)
    model = QEEncoder(args.vocab_size, pad_idx=PAD)
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-5, betas=(0.9, 0.98))

    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            pred = model(batch["src_tokens"])
            loss = F.mse_loss(pred, batch["target"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(pred)
        print(f"epoch {epoch}: mse={total / len(samples):.4f}")


if __name__ == "__main__":
    main()
