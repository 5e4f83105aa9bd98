# source: https://github.com/nlp-with-transformers/notebooks/issues/61 https://github.com/nlp-with-transformers/notebooks/pull/64
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: class, batch-dict, loader-loop
# bug-lines: 45, 46
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Distil a BERT intent classifier into a small student for on-device use."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

TEACHER_CKPT = "bert-base-uncased-finetuned-clinc"
STUDENT_CKPT = "distilbert-base-uncased"


class EdgeDistiller:
    def __init__(self, teacher_ckpt, student_ckpt, num_labels, alpha=0.5, temperature=2.0):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.teacher = AutoModelForSequenceClassification.from_pretrained(teacher_ckpt).to(self.device)
        self.student = AutoModelForSequenceClassification.from_pretrained(
            student_ckpt, num_labels=num_labels
        ).to(self.device)
        self.teacher.eval()
        self.alpha = alpha
        self.temperature = temperature
        self.optimizer = torch.optim.AdamW(self.student.parameters(), lr=3e-5)

    def soft_loss(self, student_logits, teacher_logits):
        t = self.temperature
        return F.kl_div(
            F.log_softmax(student_logits / t, dim=-1),
            F.softmax(teacher_logits / t, dim=-1),
            reduction="batchmean",
        ) * (t * t)

    def compute_loss(self, batch):
        inputs = {
            "input_ids": batch["input_ids"],
            "attention_mask": batch["attention_mask"],
        }
        labels = batch["labels"].to(self.device)
        with torch.no_grad():
            teacher_logits = self.teacher(**inputs).logits
        student_out = self.student(**inputs, labels=labels)
        kd = self.soft_loss(student_out.logits, teacher_logits)
        return self.alpha * student_out.loss + (1.0 - self.alpha) * kd

    def train_epoch(self, loader):
        self.student.train()
        running = 0.0
        for step, batch in enumerate(loader):
            loss = self.compute_loss(batch)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            running += loss.item()
        return running / max(1, len(loader))


def build_loader(texts, intents, tokenizer, batch_size=32):
    enc = tokenizer(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
    rows = [
        {"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
         "labels": torch.tensor(intents[i])}
        for i in range(len(texts))
    ]
    return DataLoader(rows, batch_size=batch_size, shuffle=True)


if __name__ == "__main__":
    tok = AutoTokenizer.from_pretrained(STUDENT_CKPT)
    texts = ["book a table for two", "what is my balance", "set an alarm for 7am"] * 20
    intents = [0, 1, 2] * 20
    distiller = EdgeDistiller(TEACHER_CKPT, STUDENT_CKPT, num_labels=3)
    print("epoch loss", distiller.train_epoch(build_loader(texts, intents, tok)))
