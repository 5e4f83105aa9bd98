# source: https://github.com/pytorch/pytorch/issues/90541 https://github.com/pytorch/pytorch/issues/72931
# error: RuntimeError: An FSDP-managed module unexpectedly has parameters on cpu. Make sure to move the module to cuda:0 before training.
# shape: helper, batch-dict, loader-loop
# looks-like: parallel-wrap-before-placement
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
os.environ.setdefault("MASTER_PORT", "29541")
os.environ.setdefault("RANK", "0")
os.environ.setdefault("WORLD_SIZE", "1")
os.environ.setdefault("LOCAL_RANK", "0")


class TinyLM(nn.Module):
    def __init__(self, vocab=256, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.ff = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.head = nn.Linear(dim, vocab)

    def forward(self, input_ids):
        h = self.embed(input_ids)
        return self.head(h + self.ff(h))


def build_model(local_rank):
    model = TinyLM()
    policy = functools.partial(size_based_auto_wrap_policy, min_num_params=1_000)
    # FSDP moves the CPU-initialised module to this GPU while sharding it
    return FSDP(model, auto_wrap_policy=policy, device_id=torch.device("cuda", local_rank))


def main():
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    dist.init_process_group("nccl")
    model = build_model(local_rank)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    samples = [torch.randint(0, 256, (33,)) for _ in range(8)]
    loader = DataLoader(samples, batch_size=4, collate_fn=lambda b: {"input_ids": torch.stack(b)})
    for batch in loader:
        ids = batch["input_ids"].to(local_rank)
        loss = nn.functional.cross_entropy(model(ids[:, :-1]).flatten(0, 1), ids[:, 1:].flatten())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print("loss", loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
