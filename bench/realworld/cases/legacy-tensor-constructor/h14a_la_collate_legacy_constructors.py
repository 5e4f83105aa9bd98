# source: https://github.com/allenai/allennlp/pull/3890
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: loader-loop, batch-dict, helper
# looks-like: legacy-tensor-constructor
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


def pad_collate(batch, pad_id=0):
    """CPU-side collation: token ids, labels and a boolean padding mask."""
    max_len = max(len(ex["tokens"]) for ex in batch)
    tokens = torch.LongTensor([ex["tokens"] + [pad_id] * (max_len - len(ex["tokens"])) for ex in batch])
    mask = torch.BoolTensor([[True] * len(ex["tokens"]) + [False] * (max_len - len(ex["tokens"])) for ex in batch])
    labels = torch.LongTensor([ex["label"] for ex in batch])
    weights = torch.FloatTensor([ex.get("weight", 1.0) for ex in batch])
    return {"tokens": tokens, "mask": mask, "labels": labels, "weights": weights}


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim, num_labels):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.out = nn.Linear(dim, num_labels)

    def forward(self, tokens, mask):
        emb = self.embed(tokens) * mask.unsqueeze(-1)
        return self.out(emb.sum(1) / mask.sum(1, keepdim=True).clamp(min=1))


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    data = [{"tokens": [5, 9, 13, 2], "label": 1}, {"tokens": [7, 3], "label": 0, "weight": 0.5}] * 64
    loader = DataLoader(data, batch_size=16, shuffle=True, collate_fn=pad_collate)
    model = BagOfEmbeddings(vocab_size=100, dim=32, num_labels=2).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for batch in loader:
        batch = {name: tensor.to(device) for name, tensor in batch.items()}
        logits = model(batch["tokens"], batch["mask"])
        loss = (nn.functional.cross_entropy(logits, batch["labels"], reduction="none") * batch["weights"]).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
