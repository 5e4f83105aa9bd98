# source: https://github.com/SamLynnEvans/Transformer/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: clean
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from masks import make_lm_masks
from model import TinyDecoderLM

PAD_ID = 0
VOCAB = 512


def build_loader(n_seqs=256, seq_len=65, batch_size=16):
    data = torch.randint(1, VOCAB, (n_seqs, seq_len))
    data[:, -5:] = PAD_ID  # pretend the tails are padding
    return DataLoader(TensorDataset(data), batch_size=batch_size, shuffle=True)


def train_epoch(model, loader, optimizer, device):
    model.train()
    for (batch,) in loader:
        batch = batch.to(device)
        inp, tgt = batch[:, :-1], batch[:, 1:]
        mask = make_lm_masks(inp, PAD_ID)
        logits = model(inp, mask)
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), tgt.reshape(-1), ignore_index=PAD_ID)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TinyDecoderLM(VOCAB).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    loader = build_loader()
    for epoch in range(2):
        print(f"epoch {epoch}: loss {train_epoch(model, loader, optimizer, device):.3f}")


if __name__ == "__main__":
    main()
