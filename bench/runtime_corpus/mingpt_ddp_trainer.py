# source: https://github.com/pytorch/examples/blob/main/distributed/minGPT-ddp/mingpt/trainer.py
#   (and main.py, char_dataset.py)
# what: the minGPT DDP trainer as torchrun runs it: LOCAL_RANK/RANK from the
#   environment, torch.device(f"{accelerator}:{local_rank}"), model.to(local_rank),
#   a snapshot loaded with map_location="cpu" into the placed model and optimizer
#   before DDP wraps it, float16 autocast with torch.amp.GradScaler, clipping,
#   DistributedSampler with pinned memory, snapshots saved by rank 0.
# shrunk: a character dataset of random text, a 1-layer GPT of width 32, 2 epochs; the
#   environment torchrun would set for rank 0 of 1 when it is missing; a second
#   Trainer resumes from the first one's snapshot.
import os
import tempfile
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributed import destroy_process_group, init_process_group
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler


class CharDataset(Dataset):
    def __init__(self, text, block_size):
        chars = sorted(set(text))
        self.stoi = {ch: i for i, ch in enumerate(chars)}
        self.vocab_size, self.block_size, self.data = len(chars), block_size, text

    def __len__(self):
        return len(self.data) - self.block_size

    def __getitem__(self, idx):
        dix = [self.stoi[s] for s in self.data[idx : idx + self.block_size + 1]]
        return torch.tensor(dix[:-1], dtype=torch.long), torch.tensor(dix[1:], dtype=torch.long)


class GPT(nn.Module):
    def __init__(self, vocab_size, block_size, n_embd=32):
        super().__init__()
        self.tok_emb = nn.Embedding(vocab_size, n_embd)
        self.pos_emb = nn.Parameter(torch.zeros(1, block_size, n_embd))
        self.block = nn.TransformerEncoderLayer(n_embd, 2, 4 * n_embd, batch_first=True)
        self.head = nn.Linear(n_embd, vocab_size, bias=False)

    def forward(self, idx, targets=None):
        t = idx.size(1)
        x = self.tok_emb(idx) + self.pos_emb[:, :t, :]
        mask = nn.Transformer.generate_square_subsequent_mask(t, device=idx.device)
        logits = self.head(self.block(x, src_mask=mask, is_causal=True))
        loss = (
            None
            if targets is None
            else F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))
        )
        return logits, loss


@dataclass
class TrainerConfig:
    max_epochs: int = 2
    batch_size: int = 8
    data_loader_workers: int = 0
    grad_norm_clip: float = 1.0
    snapshot_path: str | None = None
    save_every: int = 1
    use_amp: bool = True


@dataclass
class Snapshot:
    model_state: Any
    optimizer_state: dict[str, Any]
    finished_epoch: int


class Trainer:
    def __init__(self, trainer_config, model, optimizer, train_dataset):
        self.config = trainer_config
        self.local_rank = int(os.environ["LOCAL_RANK"])
        self.global_rank = int(os.environ["RANK"])
        self.acc = torch.accelerator.current_accelerator()
        self.device = torch.device(f"{self.acc}:{self.local_rank}")
        self.device_type = self.device.type
        self.train_loader = DataLoader(
            train_dataset,
            batch_size=self.config.batch_size,
            pin_memory=True,
            shuffle=False,
            num_workers=self.config.data_loader_workers,
            sampler=DistributedSampler(train_dataset),
        )
        self.epochs_run = 0
        self.model = model.to(self.local_rank)
        self.optimizer = optimizer
        if self.config.use_amp:
            self.scaler = torch.amp.GradScaler(self.device_type)
        self._load_snapshot()
        self.model = DDP(self.model, device_ids=[self.local_rank])

    def _load_snapshot(self):
        if not os.path.exists(self.config.snapshot_path):
            print("Snapshot not found. Training model from scratch")
            return
        snapshot = Snapshot(**torch.load(self.config.snapshot_path, map_location="cpu"))
        self.model.load_state_dict(snapshot.model_state)
        self.optimizer.load_state_dict(snapshot.optimizer_state)
        self.epochs_run = snapshot.finished_epoch
        print(f"Resuming training from snapshot at Epoch {self.epochs_run}")

    def _run_batch(self, source, targets):
        with torch.amp.autocast(
            device_type=self.device_type, dtype=torch.float16, enabled=self.config.use_amp
        ):
            _, loss = self.model(source, targets)
        self.optimizer.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_norm_clip)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        return loss.item()

    def _run_epoch(self, epoch):
        self.train_loader.sampler.set_epoch(epoch)
        for it, (source, targets) in enumerate(self.train_loader):
            loss = self._run_batch(source.to(self.local_rank), targets.to(self.local_rank))
            if it == 0:
                print(f"[RANK{self.global_rank}] Epoch {epoch} | Iter {it} | Train Loss {loss:.5f}")

    def _save_snapshot(self, epoch):
        raw_model = self.model.module if hasattr(self.model, "module") else self.model
        snapshot = Snapshot(raw_model.state_dict(), self.optimizer.state_dict(), epoch)
        torch.save(asdict(snapshot), self.config.snapshot_path)

    def train(self):
        for epoch in range(self.epochs_run, self.config.max_epochs):
            epoch += 1
            self._run_epoch(epoch)
            if self.local_rank == 0 and epoch % self.config.save_every == 0:
                self._save_snapshot(epoch)


def main():
    init_process_group(backend="nccl")
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    snapshot_path = os.path.join(tempfile.mkdtemp(), "snapshot.pt")
    dataset = CharDataset("the quick brown fox jumps over the lazy dog " * 3, block_size=16)
    for max_epochs in (1, 2):  # the second Trainer resumes from the first one's snapshot
        model = GPT(dataset.vocab_size, dataset.block_size)
        optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
        config = TrainerConfig(max_epochs=max_epochs, snapshot_path=snapshot_path)
        Trainer(config, model, optimizer, dataset).train()
    destroy_process_group()


if __name__ == "__main__":
    # As `torchrun --standalone --nproc_per_node=1 main.py` would set them.
    for name, value in (("RANK", "0"), ("LOCAL_RANK", "0"), ("WORLD_SIZE", "1")):
        os.environ.setdefault(name, value)
    os.environ.setdefault("MASTER_ADDR", "localhost")
    os.environ.setdefault("MASTER_PORT", "29532")
    main()
