# source: https://github.com/nianticlabs/monodepth2/issues/170
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: class, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


class DDPDepthTrainer:
    def __init__(self, gpu, ngpus_per_node, opt, encoder, depth_decoder, train_set):
        self.opt = opt
        self.opt.rank = opt.node_rank * ngpus_per_node + gpu
        dist.init_process_group(
            backend="nccl", init_method=opt.dist_url, world_size=opt.world_size, rank=self.opt.rank
        )
        torch.cuda.set_device(gpu)
        self.device = torch.device("cuda", gpu)

        self.models = {"encoder": encoder, "depth": depth_decoder}
        self.parameters_to_train = []
        for name in ("encoder", "depth"):
            self.models[name].to(self.device)
            self.models[name] = DDP(
                self.models[name], device_ids=[gpu], broadcast_buffers=False, find_unused_parameters=True
            )
            self.parameters_to_train += list(self.models[name].parameters())

        self.optimizer = torch.optim.Adam(self.parameters_to_train, lr=opt.learning_rate)
        self.sampler = DistributedSampler(train_set)
        self.loader = DataLoader(
            train_set, batch_size=opt.batch_size // ngpus_per_node, sampler=self.sampler,
            num_workers=opt.num_workers // ngpus_per_node, pin_memory=True, drop_last=True,
        )

    def run_epoch(self, epoch):
        self.sampler.set_epoch(epoch)
        for m in self.models.values():
            m.train()
        for inputs in self.loader:
            for key, ipt in inputs.items():
                inputs[key] = ipt.to(self.device, non_blocking=True)
            features = self.models["encoder"](inputs["color_aug"])
            disp = self.models["depth"](features)
            loss = nn.functional.l1_loss(disp, inputs["depth_gt"])
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()
