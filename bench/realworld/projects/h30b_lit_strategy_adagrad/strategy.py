# source: https://github.com/Lightning-AI/pytorch-lightning/pull/11886
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# bug-lines: 50, 51
# needs: torch
# cpu: no written where torch was not installed; not run

import os

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel


class SingleDeviceStrategy:
    def __init__(self, device):
        self.root_device = torch.device(device)
        self.module = None
        self.model = None
        self.optimizers = []

    def connect(self, module):
        self.module = module
        self.model = module

    def setup_optimizers(self):
        opts = self.module.configure_optimizers()
        self.optimizers = opts if isinstance(opts, (list, tuple)) else [opts]

    def model_to_device(self):
        self.module.to(self.root_device)

    def setup(self):
        self.model_to_device()
        self.setup_optimizers()


class DDPStrategy(SingleDeviceStrategy):
    def __init__(self):
        self.local_rank = int(os.environ["LOCAL_RANK"])
        super().__init__(f"cuda:{self.local_rank}")

    def setup_environment(self):
        dist.init_process_group("nccl")
        torch.cuda.set_device(self.root_device)

    def setup(self):
        self.setup_environment()
        self.setup_optimizers()
        self.model_to_device()
        self.model = DistributedDataParallel(self.module, device_ids=[self.local_rank])

    def reduce(self, tensor):
        dist.all_reduce(tensor)
        return tensor / dist.get_world_size()
