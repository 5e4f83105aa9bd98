# source: https://github.com/OpenNMT/OpenNMT-py/pull/240
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, helper, loader-loop
# cpu: clean
# needs: torch

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from model import TransformerDecoder

VOCAB, PAD = 100, 0


class ToyPairs(Dataset):
    def __init__(self, n=64, src_len=12, tgt_len=10, d_model=64):
        self.memory = torch.randn(n, src_len, d_model)
        self.tgt = torch.randint(1, VOCAB, (n, tgt_len))
        self.tgt[:, -2:] = PAD

    def __len__(self):
        return len(self.tgt)

    def __getitem__(self, i):
        return {"memory": self.memory[i], "tgt": self.tgt[i]}


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TransformerDecoder(VOCAB).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = DataLoader(ToyPairs(), batch_size=16, shuffle=True)
    for epoch in range(2):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            src_pad = torch.zeros(batch["memory"].shape[:2], dtype=torch.bool, device=device)
            logits = model(batch["tgt"][:, :-1], batch["memory"], src_pad)
            loss = F.cross_entropy(logits.reshape(-1, VOCAB), batch["tgt"][:, 1:].reshape(-1), ignore_index=PAD)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
