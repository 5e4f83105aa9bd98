# source: https://github.com/PiotrSobczak/speech-emotion-recognition/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 37
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the late-fusion head on top of frozen acoustic + linguistic members."""
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from members import load_members
from models import EnsembleHead


def move_batch(batch, device):
    return {k: v.to(device) for k, v in batch.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--acoustic_model", required=True)
    parser.add_argument("--linguistic_model", required=True)
    parser.add_argument("--data", default="data/iemocap_fusion.pt")
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    acoustic, linguistic = load_members(args.acoustic_model, args.linguistic_model, device)

    samples = torch.load(args.data, map_location="cpu")  # list of {"spec", "tokens", "label"} dicts
    loader = DataLoader(samples, batch_size=64, shuffle=True)

    head = EnsembleHead(n_members=2, n_classes=4)
    optimizer = torch.optim.Adam(head.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()

    for epoch in range(args.epochs):
        total = 0.0
        for batch in loader:
            batch = move_batch(batch, device)
            with torch.no_grad():
                member_logits = [acoustic(batch["spec"]), linguistic(batch["tokens"])]
            logits = head(member_logits)
            loss = criterion(logits, batch["label"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: fusion loss {total / len(loader):.4f}")
    torch.save(head.state_dict(), "ensemble_head.torch")


if __name__ == "__main__":
    main()
