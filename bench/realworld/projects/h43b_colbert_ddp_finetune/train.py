# source: https://github.com/AnswerDotAI/RAGatouille/issues/81
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 38, 40
# needs: torch
# cpu: no written where torch was not installed; not run

"""Fine-tune a ColBERT checkpoint on in-domain (query, passage) pairs; launch with torchrun."""
import os

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

from colbert_model import ColBERT
from triples import TriplesDataset, collate


def setup():
    rank = int(os.environ.get("RANK", 0))
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    world_size = int(os.environ.get("WORLD_SIZE", 1))
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29533")
    backend = "nccl" if torch.cuda.is_available() else "gloo"
    dist.init_process_group(backend, rank=rank, world_size=world_size)
    return rank, local_rank, world_size


def train(pairs, corpus, checkpoint="colbert-ir/colbertv2.0/model.pt", epochs=1, n_way=4):
    rank, local_rank, world_size = setup()
    device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    colbert = ColBERT.from_pretrained(checkpoint)
    colbert.train()
    colbert = torch.nn.parallel.DistributedDataParallel(
        colbert, device_ids=[local_rank], output_device=local_rank, find_unused_parameters=True)
    colbert.to(device)
    optimizer = torch.optim.AdamW(colbert.parameters(), lr=5e-6)

    dataset = TriplesDataset(pairs, corpus, n_negatives=n_way - 1)
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank)
    loader = DataLoader(dataset, batch_size=8, sampler=sampler, collate_fn=collate)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            scores = colbert(batch["query_ids"], batch["doc_ids"], n_way)
            labels = torch.zeros(scores.size(0), dtype=torch.long, device=device)
            loss = F.cross_entropy(scores, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if rank == 0 and step % 20 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    pairs = [("who won the league in 1976", "Liverpool won the league in 1976."),
             ("who managed the 1976 winners", "Bob Paisley managed Liverpool in 1976.")] * 32
    corpus = ["The club plays at Anfield.", "Manchester United has many titles.",
              "The season ran from August to May.", "Goals are scored by kicking the ball."]
    train(pairs, corpus)
