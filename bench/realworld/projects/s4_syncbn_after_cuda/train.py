# source: https://github.com/pytorch/pytorch/issues/39643 https://github.com/Lightning-AI/pytorch-lightning/pull/6838
# error: AssertionError: DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in {'cuda', 'cpu'}.
# pattern: module-added-after-placement
# shape: multi-file, helper
# cpu: no needs a NCCL process group and GPUs
# needs: torch
import torch
import torch.multiprocessing as mp
import torch.nn.functional as F

from dist_utils import DistConfig, model_parallel
from model import SegHead


def worker(gpu, ngpus, cfg):
    cfg.rank = gpu
    cfg.world_size = ngpus
    model, optimizer = model_parallel(SegHead(), [gpu], cfg)
    for _ in range(5):
        img = torch.randn(4, 3, 64, 64).cuda(gpu, non_blocking=True)
        target = torch.randint(0, 5, (4, 64, 64)).cuda(gpu, non_blocking=True)
        loss = F.cross_entropy(model(img), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    n = torch.cuda.device_count()
    mp.spawn(worker, nprocs=n, args=(n, DistConfig()))
