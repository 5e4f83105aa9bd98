# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/4
# error: RuntimeError: Input, output and indices must be on the current device
# pattern: discarded-tensor-move
# shape: helper, loader-loop, batch-dict
# bug-lines: 32, 33, 34, 36
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch import nn
from transformers import BertForSequenceClassification, BertTokenizer

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class BiLSTMStudent(nn.Module):
    def __init__(self, vocab_size, num_labels, emb_dim=128, hidden=256):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.lstm = nn.LSTM(emb_dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, num_labels)

    def forward(self, input_ids):
        h, _ = self.lstm(self.emb(input_ids))
        return self.out(h.mean(dim=1))


def teacher_predict(teacher, batch):
    input_ids = batch["input_ids"]
    attention_mask = batch["attention_mask"]
    token_type_ids = batch["token_type_ids"]
    input_ids.to(device)
    attention_mask.to(device)
    token_type_ids.to(device)
    with torch.no_grad():
        out = teacher(input_ids=input_ids, attention_mask=attention_mask,
                      token_type_ids=token_type_ids)
    return out.logits


def distill(train_loader, num_labels, epochs=3, temperature=2.0, alpha=0.5):
    tokenizer = BertTokenizer.from_pretrained("bert-base-chinese")
    teacher = BertForSequenceClassification.from_pretrained("./teacher_ckpt", num_labels=num_labels)
    teacher.to(device)
    teacher.eval()
    student = BiLSTMStudent(tokenizer.vocab_size, num_labels).to(device)
    optimizer = torch.optim.Adam(student.parameters(), lr=1e-3)

    for epoch in range(epochs):
        for batch in train_loader:
            t_logits = teacher_predict(teacher, batch)
            labels = batch["labels"].to(device)
            s_logits = student(batch["input_ids"].to(device))
            soft = F.kl_div(F.log_softmax(s_logits / temperature, dim=-1),
                            F.softmax(t_logits / temperature, dim=-1),
                            reduction="batchmean") * temperature ** 2
            hard = F.cross_entropy(s_logits, labels)
            loss = alpha * soft + (1 - alpha) * hard
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")
    return student
