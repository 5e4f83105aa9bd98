# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Entry point: fine-tune the BERT teacher, then distill into a BiLSTM."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import BertTokenizer

from config import Config
from teacher import BertTeacher, teacher_predict, teacher_train


def load_titles(path, tokenizer, pad_size):
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if line.strip()]
    enc = tokenizer([r[0] for r in rows], padding="max_length", truncation=True,
                    max_length=pad_size, return_tensors="pt")
    labels = torch.tensor([int(r[1]) for r in rows])
    return [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
             "label": labels[i]} for i in range(len(rows))]


class BiLSTMStudent(nn.Module):
    def __init__(self, vocab_size, config):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, config.embed_dim, padding_idx=0)
        self.lstm = nn.LSTM(config.embed_dim, config.hidden_size, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * config.hidden_size, config.num_classes)

    def forward(self, input_ids):
        out, _ = self.lstm(self.embed(input_ids))
        return self.fc(out.max(dim=1).values)


def student_train(student, teacher, config, loader):
    optimizer = torch.optim.Adam(student.parameters(), lr=config.student_lr)
    T, alpha = config.temperature, config.alpha
    for epoch in range(config.student_epochs):
        student.train()
        for batch in loader:
            ids, labels = batch["input_ids"].to(config.device), batch["label"].to(config.device)
            t_logits = teacher_predict(teacher, config, ids, batch["attention_mask"])
            s_logits = student(ids)
            soft = F.kl_div(F.log_softmax(s_logits / T, dim=1), F.softmax(t_logits / T, dim=1),
                            reduction="batchmean") * T * T
            loss = alpha * F.cross_entropy(s_logits, labels) + (1 - alpha) * soft
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"student epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    config = Config()
    tokenizer = BertTokenizer.from_pretrained(config.bert_path)
    train_loader = DataLoader(load_titles(config.train_path, tokenizer, config.pad_size),
                              batch_size=config.batch_size, shuffle=True)
    dev_loader = DataLoader(load_titles(config.dev_path, tokenizer, config.pad_size),
                            batch_size=config.batch_size)
    teacher = BertTeacher(config).to(config.device)
    teacher_train(teacher, config, train_loader, dev_loader)
    student = BiLSTMStudent(tokenizer.vocab_size, config).to(config.device)
    student_train(student, teacher, config, train_loader)
