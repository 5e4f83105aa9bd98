# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL102 --confirm rules/TL102-legacy-type-cast/runtime_bad.py
# `.type(torch.FloatTensor)` is meant as a cast to float32, but the legacy type names a
# CPU tensor: the mask leaves the GPU, and the product with the GPU mask fails.
import torch


def loss_mask(answer, aggregation_mask):
    mask = torch.logical_not(torch.isnan(answer)).type(torch.FloatTensor)  # expect: TL102:51
    return mask * aggregation_mask


if __name__ == "__main__":
    device = torch.device("cuda")
    answer = torch.tensor([1.0, float("nan"), 3.0], device=device)
    aggregation_mask = torch.ones(3, device=device)
    print(loss_mask(answer, aggregation_mask))
