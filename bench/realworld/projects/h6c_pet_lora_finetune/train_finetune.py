# source: https://github.com/metatensor/metatrain/pull/672
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat2 in method wrapper_CUDA_mm)
# pattern: adapter-after-placement
# shape: multi-file, helper
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch

from finetuning import apply_finetuning_strategy
from model import PET

HYPERS = {"d_pet": 128, "num_heads": 4, "d_feedforward": 256, "num_gnn_layers": 3}
STRATEGY = {
    "method": "lora",
    "config": {"target_modules": ["input_linear", "output_linear"], "rank": 8, "alpha": 16},
}


def load_structures(path):
    data = torch.load(path)
    return list(zip(data["species"], data["edges"], data["masks"], data["energies"]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("dataset")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()
    device = torch.device(args.device)

    model = PET(HYPERS, atomic_types=[1, 6, 7, 8])
    state = torch.load(args.checkpoint, map_location="cpu")
    model.load_state_dict(state["model_state_dict"])
    model.to(device)

    model = apply_finetuning_strategy(model, STRATEGY)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=5e-4)

    structures = load_structures(args.dataset)
    for epoch in range(args.epochs):
        total = 0.0
        for species, edges, mask, energy in structures:
            species, edges, mask = species.to(device), edges.to(device), mask.to(device)
            pred = model(species, edges, mask)
            loss = (pred - energy.to(device)) ** 2
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: mse {total / len(structures):.5f}")

    torch.save({"model_state_dict": model.state_dict(), "finetune": STRATEGY}, "finetuned.ckpt")


if __name__ == "__main__":
    main()
