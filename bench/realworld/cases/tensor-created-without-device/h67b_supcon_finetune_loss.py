# source: https://github.com/sl-93/SUPERVISED-CONTRASTIVE-LEARNING-FOR-PRE-TRAINED-LANGUAGE-MODEL-FINE-TUNING/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA_scatter__value)
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# bug-lines: 29
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Cross-entropy + supervised contrastive (SCL) objective for fine-tuning a text encoder."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import AutoModel


class SupConLoss(nn.Module):
    def __init__(self, temperature=0.05):
        super().__init__()
        self.temperature = temperature

    def forward(self, embeddings, labels):
        labels = labels.view(-1, 1)
        batch_size = embeddings.size(0)
        pos_mask = torch.eq(labels, labels.T).float()
        z = F.normalize(embeddings, dim=1)
        sim = torch.matmul(z, z.T) / self.temperature
        sim = sim - sim.max(dim=1, keepdim=True).values.detach()
        # exclude self-similarity on the diagonal
        self_mask = torch.scatter(torch.ones_like(pos_mask), 1,
                                  torch.arange(batch_size).view(-1, 1), 0)
        pos_mask = pos_mask * self_mask
        exp_sim = torch.exp(sim) * self_mask
        log_prob = sim - torch.log(exp_sim.sum(1, keepdim=True))
        mean_log_pos = (pos_mask * log_prob).sum(1) / pos_mask.sum(1).clamp_min(1.0)
        return -mean_log_pos.mean()


class SCLClassifier(nn.Module):
    def __init__(self, name="roberta-base", n_classes=2):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(name)
        self.head = nn.Linear(self.encoder.config.hidden_size, n_classes)

    def forward(self, input_ids, attention_mask):
        cls = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
        return cls, self.head(cls)


def train_epoch(model, loader, optimizer, device, lam=0.9):
    scl = SupConLoss()
    model.train()
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        emb, logits = model(batch["input_ids"], batch["attention_mask"])
        loss = (1 - lam) * F.cross_entropy(logits, batch["labels"]) + lam * scl(emb, batch["labels"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
