# source: https://github.com/Lightning-AI/litgpt/pull/993
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""torchrun --nproc_per_node=8 train_fsdp.py  -- pretraining with FSDP and meta-device init."""
import functools
import os

import numpy as np
import torch
import torch.distributed as dist
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP, MixedPrecision
from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy
from torch.utils.data import DataLoader, Dataset, DistributedSampler

from model import Block, TinyGPT


class TokenShards(Dataset):
    def __init__(self, path, block_size):
        self.data = np.memmap(path, dtype=np.uint16, mode="r")
        self.block_size = block_size

    def __len__(self):
        return (len(self.data) - 1) // self.block_size

    def __getitem__(self, i):
        chunk = torch.from_numpy(self.data[i * self.block_size:(i + 1) * self.block_size + 1].astype(np.int64))
        return chunk[:-1], chunk[1:]


def materialize(module):
    module.to_empty(device=torch.cuda.current_device(), recurse=False)
    if hasattr(module, "reset_parameters"):
        module.reset_parameters()


def main():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)

    with torch.device("meta"):
        model = TinyGPT(vocab_size=32000, n_embd=768, n_head=12, n_layer=12, block_size=1024)
    policy = functools.partial(transformer_auto_wrap_policy, transformer_layer_cls={Block})
    model = FSDP(model, auto_wrap_policy=policy, param_init_fn=materialize,
                 mixed_precision=MixedPrecision(param_dtype=torch.bfloat16, reduce_dtype=torch.float32))
    optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4, weight_decay=0.1)

    ds = TokenShards("data/train.bin", block_size=1024)
    loader = DataLoader(ds, batch_size=8, sampler=DistributedSampler(ds), num_workers=4)
    model.train()
    for step, (x, y) in enumerate(loader):
        x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), y.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        if step % 100 == 0 and dist.get_rank() == 0:
            print(f"step {step} loss {loss.item():.3f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
