# source: https://github.com/ymhzyj/UMMAFormer/issues/17
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 37
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run

import argparse

import torch
import torch.nn as nn
import yaml

from model import make_meta_arch
from train_utils import train_one_epoch


def build_loader(cfg):
    def sample():
        t = cfg["max_seq_len"]
        labels = (torch.rand(t) > 0.9).float()
        return {"feats": torch.randn(cfg["input_dim"], t), "labels": labels, "segments": torch.rand(t, 2)}

    data = [sample() for _ in range(cfg["num_videos"])]
    return torch.utils.data.DataLoader(data, batch_size=cfg["batch_size"], shuffle=True, collate_fn=lambda b: b)


def main(args):
    with open(args.config) as f:
        cfg = yaml.safe_load(f)
    devices = cfg.get("devices", [0])
    device = torch.device("cuda", devices[0])

    train_loader = build_loader(cfg)
    model = make_meta_arch(cfg)
    model = nn.DataParallel(model, device_ids=devices)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=0.05)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=cfg["epochs"] * len(train_loader))

    print("[Train]: Epoch 0 started")
    for epoch in range(cfg["epochs"]):
        train_one_epoch(train_loader, model, optimizer, scheduler, epoch, device)
        torch.save(model.module.state_dict(), "ckpt_epoch_%03d.pth" % epoch)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("config", type=str)
    main(parser.parse_args())
