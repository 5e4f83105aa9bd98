# source: https://github.com/pytorch/pytorch/issues/7236
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #3 'index'
# pattern: legacy-type-cast
# shape: batch-dict, loader-loop
# bug-lines: 45
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from transformers import GPT2Config, GPT2LMHeadModel


class ShardDataset(Dataset):
    """Pre-tokenized shards written by the tokenizer job as uint16 token streams."""

    def __init__(self, shard_paths, seq_len=1024):
        self.streams = [np.memmap(p, dtype=np.uint16, mode="r") for p in shard_paths]
        self.index = [(s, off) for s, st in enumerate(self.streams)
                      for off in range(0, len(st) - seq_len - 1, seq_len)]
        self.seq_len = seq_len

    def __len__(self):
        return len(self.index)

    def __getitem__(self, i):
        s, off = self.index[i]
        return {"ids": self.streams[s][off:off + self.seq_len + 1].astype(np.int32)}


def collate(samples):
    ids = torch.from_numpy(np.stack([s["ids"] for s in samples]))
    return {"input_ids": ids[:, :-1], "labels": ids[:, 1:]}


def main():
    device = torch.device("cuda")
    model = GPT2LMHeadModel(GPT2Config(n_layer=6, n_embd=512, n_head=8)).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    loader = DataLoader(ShardDataset([f"shards/{i:03d}.bin" for i in range(8)]),
                        batch_size=8, shuffle=True, collate_fn=collate, num_workers=2)
    for step, batch in enumerate(loader):
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        input_ids = batch["input_ids"].type(torch.LongTensor)
        labels = batch["labels"].long()
        logits = model(input_ids=input_ids).logits
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), labels.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 50 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
