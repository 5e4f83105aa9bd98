# source: https://github.com/facebookresearch/detectron2/issues/5146 https://github.com/meta-pytorch/tnt/pull/398
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device None, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import time

import torch
import torch.nn.functional as F


def triplet_loss(feat, labels, margin=0.3):
    dist = torch.cdist(feat, feat)
    same = labels.unsqueeze(0) == labels.unsqueeze(1)
    hardest_pos = (dist * same.float()).max(dim=1).values
    hardest_neg = (dist + same.float() * 1e6).min(dim=1).values
    return F.relu(hardest_pos - hardest_neg + margin).mean()


def do_train(model, loader, optimizer, device, epochs, rank=0):
    for epoch in range(epochs):
        if hasattr(loader.sampler, "set_epoch"):
            loader.sampler.set_epoch(epoch)
        model.train()
        start = time.time()
        for it, batch in enumerate(loader):
            images = batch["images"].to(device, non_blocking=True)
            pids = batch["targets"].to(device, non_blocking=True)
            feat, logits = model(images)
            loss = F.cross_entropy(logits, pids, label_smoothing=0.1) + triplet_loss(feat, pids)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if rank == 0 and it % 50 == 0:
                print(f"epoch {epoch} iter {it} loss {loss.item():.4f} ({time.time() - start:.1f}s)")
