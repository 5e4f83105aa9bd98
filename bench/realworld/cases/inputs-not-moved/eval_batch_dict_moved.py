# source: https://github.com/MicrosoftDocs/windows-ai-docs/issues/96
# error: none (correct version of the shape)
# pattern: inputs-not-moved
# shape: helper, loader-loop, batch-dict
# looks-like: inputs-not-moved
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ToyTokenized(Dataset):
    def __init__(self, n=40, seq_len=12, vocab=50, seed=0):
        gen = torch.Generator().manual_seed(seed)
        self.ids = torch.randint(1, vocab, (n, seq_len), generator=gen)
        self.labels = torch.randint(0, 3, (n,), generator=gen)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"input_ids": self.ids[i], "attention_mask": torch.ones_like(self.ids[i]), "labels": self.labels[i]}


class BagClassifier(nn.Module):
    def __init__(self, vocab=50, dim=16, num_labels=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.out = nn.Linear(dim, num_labels)

    def forward(self, input_ids, attention_mask):
        h = self.emb(input_ids) * attention_mask.unsqueeze(-1)
        return self.out(h.sum(1) / attention_mask.sum(1, keepdim=True))


def evaluate(model, loader, device):
    model.eval()
    correct, total = 0, 0
    with torch.no_grad():
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            labels = batch.pop("labels")
            logits = model(**batch)
            correct += (logits.argmax(-1) == labels).sum().item()
            total += labels.numel()
    return correct / total


def train(model, loader, device, epochs=2):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        model.train()
        for batch in loader:
            input_ids = batch["input_ids"].to(device)
            mask = batch["attention_mask"].to(device)
            labels = batch["labels"].to(device)
            loss = nn.functional.cross_entropy(model(input_ids, mask), labels)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = BagClassifier().to(device)
    loader = DataLoader(ToyTokenized(), batch_size=8, shuffle=True)
    train(model, loader, device)
    print("accuracy", evaluate(model, loader, device))
