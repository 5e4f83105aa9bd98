# source: https://github.com/KovenYu/uORF/pull/17
# error: none (look-alike: every placement follows self.device built from --gpu_ids; the one .cuda() is guarded)
# pattern: hard-coded-cuda
# shape: class, batch-dict
# looks-like: hard-coded-cuda
# cpu: clean
# needs: torch

import argparse

import torch
import torch.nn as nn


def parse_opt(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--gpu_ids", type=str, default="0" if torch.cuda.is_available() else "-1")
    p.add_argument("--num_slots", type=int, default=4)
    p.add_argument("--z_dim", type=int, default=32)
    opt = p.parse_args(argv)
    opt.gpu_ids = [int(g) for g in opt.gpu_ids.split(",") if int(g) >= 0]
    return opt


class SlotModel:
    def __init__(self, opt):
        self.opt = opt
        self.gpu_ids = opt.gpu_ids
        self.device = torch.device(f"cuda:{self.gpu_ids[0]}") if self.gpu_ids else torch.device("cpu")
        self.encoder = nn.Sequential(nn.Conv2d(3, opt.z_dim, 4, 4), nn.ReLU())
        self.slot_proj = nn.Linear(opt.z_dim, opt.z_dim)
        if self.gpu_ids and torch.cuda.is_available():
            torch.cuda.set_device(self.gpu_ids[0])
            self.encoder.cuda(self.gpu_ids[0])
        self.slot_proj.to(self.device)
        self.encoder.to(self.device)

    def set_input(self, batch):
        self.x = batch["img"].to(self.device)
        self.cam2world = batch["cam2world"].to(self.device)

    def _ray_grid(self, h, w):
        lin_h = torch.linspace(-1, 1, h, device=self.device)
        lin_w = torch.linspace(-1, 1, w, device=self.device)
        ys, xs = torch.meshgrid(lin_h, lin_w, indexing="ij")
        return torch.stack([xs, ys, torch.ones_like(xs)], dim=-1)

    def forward(self):
        feat = self.encoder(self.x).flatten(2).transpose(1, 2)
        slots_init = torch.randn(feat.shape[0], self.opt.num_slots, self.opt.z_dim, device=self.device)
        attn = torch.softmax(slots_init @ feat.transpose(1, 2), dim=1)
        slots = self.slot_proj(attn @ feat)
        rays = self._ray_grid(16, 16) @ self.cam2world[:, :3, :3].transpose(1, 2).unsqueeze(1)
        return slots, rays


if __name__ == "__main__":
    model = SlotModel(parse_opt())
    model.set_input({"img": torch.rand(2, 3, 64, 64), "cam2world": torch.eye(4).repeat(2, 1, 1)})
    slots, rays = model.forward()
    print(slots.shape, rays.shape, slots.device)
