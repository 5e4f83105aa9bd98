# source: https://github.com/deepset-ai/FARM/pull/200
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-added-after-placement
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fine-tune a small encoder + doc classification head on tokenized reviews."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from adaptive_model import AdaptiveModel

LABELS = ["negative", "neutral", "positive"]


class TinyEncoder(nn.Module):
    def __init__(self, vocab_size=30522, hidden=256, layers=2):
        super().__init__()
        self.output_dim = hidden
        self.embed = nn.Embedding(vocab_size, hidden, padding_idx=0)
        layer = nn.TransformerEncoderLayer(hidden, nhead=4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=layers)

    def forward(self, input_ids, padding_mask):
        return self.encoder(self.embed(input_ids), src_key_padding_mask=padding_mask == 0)


class ReviewDataset(Dataset):
    def __init__(self, n=512, seq_len=64):
        self.input_ids = torch.randint(1, 30522, (n, seq_len))
        self.labels = torch.randint(0, len(LABELS), (n,))

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return {"input_ids": self.input_ids[idx],
                "padding_mask": torch.ones(self.input_ids.shape[1]),
                "label_ids": self.labels[idx]}


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = AdaptiveModel.for_classification(TinyEncoder(), LABELS, device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    loader = DataLoader(ReviewDataset(), batch_size=16, shuffle=True)

    model.train()
    for epoch in range(2):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["input_ids"], batch["padding_mask"])
            loss = model.logits_to_loss(logits, batch["label_ids"])
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 10 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
