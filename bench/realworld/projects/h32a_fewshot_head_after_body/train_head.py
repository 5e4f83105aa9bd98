# source: https://github.com/huggingface/setfit/issues/169
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-added-after-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 19
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import collate, load_sst2_few_shot
from modeling import FewShotClassifier


def train_head(num_epochs=25, lr=1e-3):
    train_rows, _ = load_sst2_few_shot(per_class=8)
    model = FewShotClassifier()
    model.add_differentiable_head(num_classes=2)
    model.freeze_body()

    optimizer = torch.optim.AdamW(model.head.parameters(), lr=lr, weight_decay=0.01)
    loader = DataLoader(train_rows, batch_size=16, shuffle=True, collate_fn=collate)
    for epoch in range(num_epochs):
        total = 0.0
        for batch in loader:
            logits = model(batch["texts"])
            loss = F.cross_entropy(logits, batch["labels"].to(model.device))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: {total / len(loader):.4f}")
    return model


if __name__ == "__main__":
    train_head()
