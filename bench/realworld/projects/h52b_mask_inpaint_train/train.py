# source: https://github.com/nullquant/ComfyUI-BrushNet/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 42, 43, 44
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision.utils import save_image

from dataset import InpaintDataset
from nets import InpaintGenerator, composite, prepare_input


def masked_l1(pred, target, mask, hole_weight=6.0):
    hole = (mask * (pred - target).abs()).mean()
    valid = ((1.0 - mask) * (pred - target).abs()).mean()
    return hole_weight * hole + valid


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/places2/train")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--bs", type=int, default=16)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(InpaintDataset(args.data), batch_size=args.bs, shuffle=True,
                        num_workers=8, pin_memory=True, drop_last=True)
    netG = InpaintGenerator().to(device)
    optimizer = torch.optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999))

    step = 0
    for epoch in range(args.epochs):
        for batch in loader:
            image = batch["image"].to(device, non_blocking=True)
            mask = batch["mask"]
            pred = netG(prepare_input(image, mask))
            loss = masked_l1(pred, image, mask) + 0.1 * F.l1_loss(composite(pred, image, mask), image)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 500 == 0:
                print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")
                save_image(pred.detach() * 0.5 + 0.5, f"samples/{step:07d}.png", nrow=4)
            step += 1
    torch.save(netG.state_dict(), "inpaint_G.pth")


if __name__ == "__main__":
    main()
