# source: https://github.com/Lightning-AI/pytorch-lightning/pull/11886
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

# launch with: torchrun --nproc_per_node=2 fit.py

import torch
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from module import ClickThroughModule
from strategy import DDPStrategy


def collate(samples):
    ids = [s["ids"] for s in samples]
    offsets = torch.tensor([0] + [len(x) for x in ids[:-1]]).cumsum(0)
    return {
        "ids": torch.cat(ids),
        "offsets": offsets,
        "dense": torch.stack([s["dense"] for s in samples]),
        "label": torch.tensor([s["label"] for s in samples], dtype=torch.float32),
    }


def fit(module, strategy, dataset, epochs=3):
    strategy.connect(module)
    strategy.setup()
    optimizer = strategy.optimizers[0]
    sampler = DistributedSampler(dataset)
    loader = DataLoader(dataset, batch_size=512, sampler=sampler, collate_fn=collate)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for batch in loader:
            batch = {k: v.to(strategy.root_device) for k, v in batch.items()}
            logits = strategy.model(batch["ids"], batch["offsets"], batch["dense"])
            loss = module.compute_loss(logits, batch["label"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"[rank {strategy.local_rank}] epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    data = torch.load("data/ctr_train.pt")
    fit(ClickThroughModule(), DDPStrategy(), data)
