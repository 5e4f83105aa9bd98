# source: https://github.com/adapter-hub/adapters/pull/101
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class, batch-dict, loader-loop
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class FlexHeadModel(nn.Module):
    """Shared encoder with prediction heads that can be added by name after construction."""

    def __init__(self, vocab_size=30522, hidden=256):
        super().__init__()
        self.embeddings = nn.EmbeddingBag(vocab_size, hidden)
        self.encoder = nn.Sequential(nn.Linear(hidden, hidden), nn.Tanh())
        self.heads = nn.ModuleDict()
        self.head_configs = {}  # plain dicts only: {"head_type": ..., "num_labels": ...}
        self.active_heads = []

    def add_classification_head(self, name, num_labels, layers=2):
        hidden = self.encoder[0].out_features
        modules = []
        for _ in range(layers - 1):
            modules += [nn.Linear(hidden, hidden), nn.ReLU()]
        modules.append(nn.Linear(hidden, num_labels))
        self.heads[name] = nn.Sequential(*modules)
        self.head_configs[name] = {"head_type": "classification", "num_labels": num_labels}
        self.active_heads.append(name)

    def forward(self, input_ids):
        pooled = self.encoder(self.embeddings(input_ids))
        return {name: self.heads[name](pooled) for name in self.active_heads}


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FlexHeadModel()
    model.add_classification_head("sentiment", num_labels=2)
    model.add_classification_head("topic", num_labels=6)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
    loss_fn = nn.CrossEntropyLoss()
    for step in range(50):
        batch = {"input_ids": torch.randint(0, 30522, (32, 64)),
                 "sentiment": torch.randint(0, 2, (32,)), "topic": torch.randint(0, 6, (32,))}
        batch = {k: v.to(device) for k, v in batch.items()}
        outputs = model(batch["input_ids"])
        loss = sum(loss_fn(outputs[name], batch[name]) for name in model.active_heads)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
