# source: https://github.com/yandex-research/rtdl-revisiting-models/issues/51
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from data import iterate_batches, load_dataset
from model import MLP


@torch.no_grad()
def evaluate(model, split, device):
    model.eval()
    correct = 0
    for batch in iterate_batches(split, 1024, shuffle=False, device=device):
        correct += (model(batch["x_num"]).argmax(1) == batch["y"]).sum().item()
    return correct / len(split["y"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir")
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    splits = load_dataset(args.data_dir)
    n_features = splits["train"]["x_num"].shape[1]
    n_classes = int(splits["train"]["y"].max()) + 1
    model = MLP(n_features, 256, 3, 0.1, n_classes).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1e-5)

    for epoch in range(args.epochs):
        model.train()
        for batch in iterate_batches(splits["train"], args.batch_size, shuffle=True, device=device):
            loss = F.cross_entropy(model(batch["x_num"]), batch["y"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: val acc {evaluate(model, splits['val'], device):.4f}")


if __name__ == "__main__":
    main()
