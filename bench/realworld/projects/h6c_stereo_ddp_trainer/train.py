# source: https://github.com/XiandaGuo/OpenStereo/issues/278
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, class
# needs: torch, pyyaml
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
import torch.distributed as dist
import yaml
from torch.utils.data import Dataset

from trainer_template import TrainerTemplate


class RandomStereo(Dataset):
    def __len__(self):
        return 256

    def __getitem__(self, idx):
        return {"left": torch.rand(3, 256, 512), "right": torch.rand(3, 256, 512),
                "disp": torch.rand(1, 256, 512) * 100}


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cfg_file", required=True)
    parser.add_argument("--dist_mode", action="store_true")
    parser.add_argument("--epochs", type=int, default=10)
    return parser.parse_args()


def main():
    args = parse_args()
    with open(args.cfg_file) as f:
        cfgs = yaml.safe_load(f)

    local_rank, global_rank = 0, 0
    if args.dist_mode:
        dist.init_process_group(backend="nccl")
        local_rank = int(os.environ["LOCAL_RANK"])
        global_rank = dist.get_rank()
        torch.cuda.set_device(local_rank)

    trainer = TrainerTemplate(args, cfgs, local_rank, global_rank, RandomStereo())
    trainer.train(args.epochs)


if __name__ == "__main__":
    main()
