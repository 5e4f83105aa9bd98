# source: https://github.com/XiandaGuo/OpenStereo/issues/278
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# bug-lines: 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from models import build_network


class TrainerTemplate:
    def __init__(self, args, cfgs, local_rank, global_rank, train_set, logger=print):
        self.args = args
        self.cfgs = cfgs
        self.local_rank = local_rank
        self.global_rank = global_rank
        self.logger = logger
        self.device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")

        self.model = self.build_model()
        if self.args.dist_mode:
            self.model = nn.parallel.DistributedDataParallel(
                self.model, device_ids=[self.local_rank], output_device=self.local_rank,
                find_unused_parameters=cfgs["OPTIMIZATION"].get("FIND_UNUSED", False))
        else:
            self.model = self.model.to(self.device)

        self.train_loader = self.build_loader(train_set)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=cfgs["OPTIMIZATION"]["LR"])

    def build_model(self):
        model = build_network(self.cfgs["MODEL"])
        if self.args.dist_mode and self.cfgs["OPTIMIZATION"].get("SYNC_BN", True):
            model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
            self.logger("converted BatchNorm to SyncBatchNorm")
        return model

    def build_loader(self, train_set):
        sampler = DistributedSampler(train_set) if self.args.dist_mode else None
        return DataLoader(train_set, batch_size=self.cfgs["OPTIMIZATION"]["BATCH_SIZE"],
                          sampler=sampler, shuffle=sampler is None, num_workers=4, drop_last=True)

    def train(self, epochs):
        self.model.train()
        for epoch in range(epochs):
            if self.args.dist_mode:
                self.train_loader.sampler.set_epoch(epoch)
            for i, batch in enumerate(self.train_loader):
                left = batch["left"].to(self.device, non_blocking=True)
                right = batch["right"].to(self.device, non_blocking=True)
                gt = batch["disp"].to(self.device, non_blocking=True)
                pred = self.model(left, right)
                mask = (gt > 0) & (gt < self.cfgs["MODEL"]["ARGS"]["max_disp"])
                loss = F.smooth_l1_loss(pred[mask], gt[mask])
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                if i % 50 == 0 and self.global_rank == 0:
                    self.logger(f"epoch {epoch} iter {i} loss {loss.item():.4f}")
