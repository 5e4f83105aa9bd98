# source: https://github.com/tobiasvanderwerff/full-page-handwriting-recognition/issues/4
# error: RuntimeError: expected scalar type Long but found Int
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, multi-file
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from torch.utils.data import DataLoader

from data import LabelEncoder, LineDataset, collate_lines
from model import LineRecognizer


def synthetic_samples(n=64, h=32, w=256):
    words = ["hello", "world", "handwriting", "recognition", "torch"]
    rng = np.random.default_rng(0)
    return [(rng.random((h, w), dtype=np.float32), " ".join(rng.choice(words, 3))) for _ in range(n)]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    samples = synthetic_samples()
    encoder = LabelEncoder("".join(t for _, t in samples))
    loader = DataLoader(LineDataset(samples, encoder), batch_size=8, shuffle=True,
                        collate_fn=collate_lines)
    model = LineRecognizer(len(encoder.itos), pad_idx=encoder.pad_idx).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

    for epoch in range(5):
        total = 0.0
        for batch in loader:
            images = batch["images"].to(device)
            targets = batch["targets"].to(device)
            _, loss = model(images, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")


if __name__ == "__main__":
    main()
