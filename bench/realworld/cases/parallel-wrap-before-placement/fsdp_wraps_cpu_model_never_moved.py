# source: https://github.com/pytorch/pytorch/issues/90541
# error: RuntimeError: An FSDP-managed module unexpectedly has parameters on cpu. Make sure to move the module to cuda:0 before training.
# pattern: parallel-wrap-before-placement
# shape: helper, batch-dict, loader-loop
# bug-lines: 46, 48
# cpu: no needs a GPU and a process group
# needs: torch
import functools
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.distributed.fsdp.wrap import size_based_auto_wrap_policy
from torch.utils.data import DataLoader

os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29529")
os.environ.setdefault("RANK", "0")
os.environ.setdefault("WORLD_SIZE", "1")
os.environ.setdefault("LOCAL_RANK", "0")


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.ff = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        return x + self.ff(x)


class TinyLM(nn.Module):
    def __init__(self, vocab=256, dim=64, depth=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.blocks = nn.Sequential(*[Block(dim) for _ in range(depth)])
        self.head = nn.Linear(dim, vocab)

    def forward(self, input_ids):
        return self.head(self.blocks(self.embed(input_ids)))


def build_model(cfg):
    model = TinyLM(dim=cfg["dim"])
    policy = functools.partial(size_based_auto_wrap_policy, min_num_params=1_000)
    return FSDP(model, auto_wrap_policy=policy)


def main():
    local_rank = int(os.environ["LOCAL_RANK"])
    dist.init_process_group("nccl")
    torch.cuda.set_device(local_rank)
    model = build_model({"dim": 64})
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)

    samples = [torch.randint(0, 256, (33,)) for _ in range(8)]
    loader = DataLoader(samples, batch_size=4, collate_fn=lambda b: {"input_ids": torch.stack(b)})
    for batch in loader:
        ids = batch["input_ids"].to(local_rank)
        logits = model(ids[:, :-1])
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), ids[:, 1:].flatten())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print("loss", loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
