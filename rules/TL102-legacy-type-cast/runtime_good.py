# Runnable companion of good.py for the runtime check (docs/runtime.md): a cast to a
# dtype keeps the tensor where it is. Runs clean under simulated CUDA.
import torch


def loss_mask(answer, aggregation_mask):
    mask = torch.logical_not(torch.isnan(answer)).to(torch.float32)
    return mask * aggregation_mask


if __name__ == "__main__":
    device = torch.device("cuda")
    answer = torch.tensor([1.0, float("nan"), 3.0], device=device)
    aggregation_mask = torch.ones(3, device=device)
    print(loss_mask(answer, aggregation_mask))
