# source: https://github.com/pytorch/pytorch/issues/112658
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, loader-loop, batch-dict
# looks-like: current-gpu-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
"""Launch: torchrun --nproc_per_node 8 train_ddp.py --data demand_windows.pt"""
import argparse

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from dist_setup import cleanup, init_distributed, is_main
from model import QuantileLSTM, pinball_loss


def main(args):
    rank, world_size, local_rank = init_distributed()
    tensors = torch.load(args.data, map_location="cpu")
    ds = TensorDataset(tensors["series_id"], tensors["past_y"], tensors["past_cov"],
                       tensors["future_cov"], tensors["future_y"])
    sampler = DistributedSampler(ds, num_replicas=world_size, rank=rank)
    loader = DataLoader(ds, batch_size=args.batch_size, sampler=sampler, pin_memory=True, num_workers=4)

    n_series = int(tensors["series_id"].max()) + 1
    model = QuantileLSTM(n_series, tensors["past_cov"].shape[-1], tensors["future_y"].shape[1]).cuda()
    model = DDP(model, device_ids=[local_rank])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    device = torch.device("cuda")

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        loss_sum = torch.zeros(2, device=device)
        for sid, past_y, past_cov, future_cov, future_y in loader:
            batch = {"series_id": sid, "past_y": past_y, "past_cov": past_cov, "future_cov": future_cov}
            batch = {k: v.cuda(non_blocking=True) for k, v in batch.items()}
            loss = pinball_loss(model(**batch), future_y.to(device, non_blocking=True))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += torch.stack([loss.detach(), torch.ones((), device=device)])
        dist.all_reduce(loss_sum)
        if is_main():
            print(f"epoch {epoch} pinball={(loss_sum[0] / loss_sum[1]).item():.4f}")
    cleanup()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch_size", type=int, default=256)
    p.add_argument("--lr", type=float, default=1e-3)
    main(p.parse_args())
