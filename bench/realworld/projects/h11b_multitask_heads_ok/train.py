# source: https://github.com/Lightning-AI/pytorch-lightning/issues/8775
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train sentiment + topic + helpfulness-score heads jointly on product reviews."""
import torch
from torch.utils.data import DataLoader, Dataset

from model import MultiTaskNet

TASKS = {
    "sentiment": {"kind": "classification", "out_dim": 3},
    "topic": {"kind": "classification", "out_dim": 12, "weight": 0.5},
    "helpfulness": {"kind": "regression", "out_dim": 1, "weight": 0.2},
}


class ReviewTasks(Dataset):
    def __init__(self, n=4096, seq_len=128):
        self.input_ids = torch.randint(1, 32000, (n, seq_len))
        self.sentiment = torch.randint(0, 3, (n,))
        self.topic = torch.randint(0, 12, (n,))
        self.helpfulness = torch.rand(n)

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, i):
        return {"input_ids": self.input_ids[i],
                "targets": {"sentiment": self.sentiment[i], "topic": self.topic[i],
                            "helpfulness": self.helpfulness[i]}}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MultiTaskNet(TASKS).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
    loader = DataLoader(ReviewTasks(), batch_size=64, shuffle=True)

    for epoch in range(3):
        for step, batch in enumerate(loader):
            input_ids = batch["input_ids"].to(device)
            targets = {k: v.to(device) for k, v in batch["targets"].items()}
            outputs = model(input_ids)
            loss, metrics = model.compute_losses(outputs, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                shown = ", ".join(f"{k}={v.item():.3f}" for k, v in metrics.items())
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} {shown}")


if __name__ == "__main__":
    main()
