# source: https://github.com/hustvl/YOLOP/issues/98
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from bdd_dataset import BddMultiTask  # yields {"img", "obj_target", "seg_mask"}
from net import get_net

CFG = {"num_classes": 1, "gpus": [0, 1], "lr": 1e-3, "epochs": 30, "batch_size": 24}


def build_model(cfg, resume=None):
    device = torch.device(f"cuda:{cfg['gpus'][0]}")
    model = get_net(cfg)
    if resume:
        model.load_state_dict(torch.load(resume, map_location="cpu")["state_dict"])
    model = model.to(device)
    if len(cfg["gpus"]) > 1:
        model = torch.nn.DataParallel(model, device_ids=cfg["gpus"])
    return model, device


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    for batch in loader:
        img = batch["img"].to(device, non_blocking=True)
        obj_target = batch["obj_target"].to(device, non_blocking=True)
        seg_mask = batch["seg_mask"].to(device, non_blocking=True)
        det, seg = model(img)
        loss = F.binary_cross_entropy_with_logits(det[:, 4::6], obj_target) + F.cross_entropy(seg, seg_mask)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main():
    model, device = build_model(CFG, resume=None)
    optimizer = torch.optim.AdamW(model.parameters(), lr=CFG["lr"])
    loader = DataLoader(BddMultiTask("data/bdd100k", split="train"), batch_size=CFG["batch_size"],
                        shuffle=True, num_workers=8, pin_memory=True)
    for epoch in range(CFG["epochs"]):
        train_one_epoch(model, loader, optimizer, device)
        torch.save({"epoch": epoch, "state_dict": model.module.state_dict() if hasattr(model, "module")
                    else model.state_dict()}, f"runs/multitask_epoch{epoch}.pth")


if __name__ == "__main__":
    main()
