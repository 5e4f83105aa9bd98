# source: https://github.com/deepspeedai/DeepSpeed/issues/5701
# error: RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.cuda.HalfTensor instead (while checking arguments for embedding)
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: clean
import torch
from torch.utils.data import DataLoader

from data import PreferencePairs, collate_pairs
from model import RewardLM


def move_batch(batch, device, dtype):
    moved = {}
    for key, value in batch.items():
        if torch.is_floating_point(value):
            moved[key] = value.to(device=device, dtype=dtype)
        else:
            moved[key] = value.to(device)
    return moved


@torch.no_grad()
def pairwise_accuracy(model, loader, device, dtype):
    correct = total = 0
    for batch in loader:
        batch = move_batch(batch, device, dtype)
        rewards = model(**batch).float().view(-1, 2)
        correct += (rewards[:, 0] > rewards[:, 1]).sum().item()
        total += rewards.size(0)
    return correct / max(total, 1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    model = RewardLM().to(device=device, dtype=dtype).eval()
    loader = DataLoader(PreferencePairs(), batch_size=8, collate_fn=collate_pairs)
    print(f"pairwise accuracy: {pairwise_accuracy(model, loader, device, dtype):.3f}")
