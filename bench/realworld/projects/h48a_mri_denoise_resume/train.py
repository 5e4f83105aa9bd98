# source: https://github.com/ZhendongWang6/Uformer/issues/11
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 36, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.optim as optim
from torch.utils.data import DataLoader

from ckpt_utils import load_checkpoint, load_optim, load_start_epoch, save_checkpoint
from denoiser import CharbonnierLoss, get_arch
from mri_pairs import NoisyCleanSlices

parser = argparse.ArgumentParser()
parser.add_argument("--arch", default="resunet")
parser.add_argument("--train-dir", default="data/lowfield_knee/train")
parser.add_argument("--lr", type=float, default=2e-4)
parser.add_argument("--epochs", type=int, default=250)
parser.add_argument("--resume", action="store_true")
parser.add_argument("--pretrain-weights", default="runs/resunet/model_latest.pth")
opt = parser.parse_args()

model_restoration = get_arch(opt.arch)
optimizer = optim.AdamW(model_restoration.parameters(), lr=opt.lr, betas=(0.9, 0.999),
                        eps=1e-8, weight_decay=0.02)
start_epoch = 1

if opt.resume:
    path_chk_rest = opt.pretrain_weights
    load_checkpoint(model_restoration, path_chk_rest)
    start_epoch = load_start_epoch(path_chk_rest) + 1
    lr = load_optim(optimizer, path_chk_rest)
    for group in optimizer.param_groups:
        group["lr"] = lr
    print(f"==> resuming at epoch {start_epoch} with lr {lr}")

scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, opt.epochs - start_epoch + 1, eta_min=1e-6)

model_restoration.cuda()
criterion = CharbonnierLoss().cuda()
loader = DataLoader(NoisyCleanSlices(opt.train_dir, patch=128), batch_size=16, shuffle=True,
                    num_workers=4, drop_last=True)

for epoch in range(start_epoch, opt.epochs + 1):
    model_restoration.train()
    epoch_loss = 0.0
    for clean, noisy in loader:
        clean, noisy = clean.cuda(), noisy.cuda()
        restored = model_restoration(noisy)
        loss = criterion(restored, clean)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item()
    scheduler.step()
    print(f"epoch {epoch}: loss {epoch_loss / len(loader):.5f}")
    save_checkpoint("runs/resunet", {"epoch": epoch, "state_dict": model_restoration.state_dict(),
                                     "optimizer": optimizer.state_dict()}, "latest")
