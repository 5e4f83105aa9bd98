# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 36, 38, 56, 58
# needs: torch, transformers, numpy, scikit-learn
# cpu: no written where torch was not installed; not run
"""BERT teacher: fine-tune on the labelled titles, then serve soft labels."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn import metrics
from transformers import BertModel


class BertTeacher(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.bert = BertModel.from_pretrained(config.bert_path)
        self.fc = nn.Linear(self.bert.config.hidden_size, config.num_classes)

    def forward(self, input_ids, attention_mask):
        pooled = self.bert(input_ids=input_ids, attention_mask=attention_mask).pooler_output
        return self.fc(pooled)


def teacher_train(model, config, train_loader, dev_loader):
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.teacher_lr)
    best_dev = float("inf")
    for epoch in range(config.teacher_epochs):
        model.train()
        for batch in train_loader:
            ids = batch["input_ids"].to(config.device)
            mask = batch["attention_mask"].to(config.device)
            labels = batch["label"]
            logits = model(ids, mask)
            loss = F.cross_entropy(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        dev_acc, dev_loss = teacher_evaluate(model, config, dev_loader)
        print(f"teacher epoch {epoch}: dev acc {dev_acc:.4f} loss {dev_loss:.4f}")
        if dev_loss < best_dev:
            best_dev = dev_loss
            torch.save(model.state_dict(), config.teacher_save_path)


def teacher_evaluate(model, config, data_loader):
    model.eval()
    loss_total, preds, gold = 0.0, [], []
    with torch.no_grad():
        for batch in data_loader:
            ids = batch["input_ids"].to(config.device)
            mask = batch["attention_mask"].to(config.device)
            labels = batch["label"]
            logits = model(ids, mask)
            loss_total += F.cross_entropy(logits, labels).item()
            preds.append(logits.argmax(dim=1).cpu().numpy())
            gold.append(labels.numpy())
    acc = metrics.accuracy_score(np.concatenate(gold), np.concatenate(preds))
    return acc, loss_total / len(data_loader)


def teacher_predict(model, config, ids, mask):
    model.eval()
    with torch.no_grad():
        return model(ids.to(config.device), mask.to(config.device))
