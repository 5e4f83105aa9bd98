# source: https://github.com/VainF/Torch-Pruning/issues/147
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# bug-lines: 25, 31
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Iterative prune -> fine-tune loop for an edge classifier."""
import torch
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

from finetune import finetune
from prune_utils import count_macs, l1_channel_prune


def main(steps=4, amount=0.1):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize(160), transforms.CenterCrop(160), transforms.ToTensor()])
    loader = DataLoader(datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True, num_workers=4)

    model = models.mobilenet_v3_small(num_classes=len(loader.dataset.classes))
    model.load_state_dict(torch.load("mbv3_small_base.pth", map_location="cpu"))

    example_inputs = torch.randn(1, 3, 160, 160)
    base_macs = count_macs(model, example_inputs)
    print(f"base MACs: {base_macs / 1e6:.1f}M")

    for step in range(steps):
        l1_channel_prune(model, amount)
        macs = count_macs(model, example_inputs)
        print(f"step {step}: MACs {macs / 1e6:.1f}M ({macs / base_macs:.2%} of base)")
        model = finetune(model, loader, epochs=2, device=device)
        torch.save(model.state_dict(), f"mbv3_small_pruned_step{step}.pth")


if __name__ == "__main__":
    main()
