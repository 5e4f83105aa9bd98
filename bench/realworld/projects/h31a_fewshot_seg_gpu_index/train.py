# source: https://github.com/slei109/PATNet/issues/30
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:4 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, helper, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn.functional as F

from dataset import FSSDataset
from network import ProtoSegNet
from utils import fix_randseed, mean_iou, to_cuda


def train_epoch(model, loader, optimizer, training):
    model.train(training)
    total_loss, total_iou = 0.0, 0.0
    for idx, batch in enumerate(loader):
        batch = to_cuda(batch)
        logits = model(batch["query_img"], batch["support_imgs"][:, 0], batch["support_masks"][:, 0])
        loss = F.cross_entropy(logits, batch["query_mask"].long())
        if training:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        total_loss += loss.item()
        total_iou += mean_iou(logits.argmax(1).bool(), batch["query_mask"].bool())
    return total_loss / (idx + 1), total_iou / (idx + 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--datapath", default="../Dataset")
    parser.add_argument("--benchmark", default="deepglobe", choices=["deepglobe", "isic", "lung", "fss"])
    parser.add_argument("--gpu", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    fix_randseed(0)
    device = torch.device(f"cuda:{args.gpu}")
    model = ProtoSegNet().to(device)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-4)
    train_loader = FSSDataset.build_dataloader("pascal", args.datapath, batch_size=8, split="trn")
    val_loader = FSSDataset.build_dataloader(args.benchmark, args.datapath, batch_size=8, split="val")
    for epoch in range(args.epochs):
        trn_loss, trn_miou = train_epoch(model, train_loader, optimizer, training=True)
        with torch.no_grad():
            val_loss, val_miou = train_epoch(model, val_loader, optimizer, training=False)
        print(f"epoch {epoch}: train {trn_loss:.3f}/{trn_miou:.3f}  val {val_loss:.3f}/{val_miou:.3f}")
        torch.save(model.state_dict(), f"logs/{args.benchmark}_epoch{epoch}.pt")
