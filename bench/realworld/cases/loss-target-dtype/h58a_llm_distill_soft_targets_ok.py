# source: https://github.com/microsoft/Cream/issues/131
# error: RuntimeError: Expected object of scalar type Long but got scalar type Float for argument #2 'target'
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torch.nn.functional as F
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling

TEMPERATURE = 2.0
ALPHA = 0.5
hard_ce = nn.CrossEntropyLoss(ignore_index=-100)
soft_ce = nn.CrossEntropyLoss()


def distill_loss(student_logits, teacher_logits, labels, attention_mask):
    vocab = student_logits.size(-1)
    s = student_logits[:, :-1].reshape(-1, vocab).float()
    t = teacher_logits[:, :-1].reshape(-1, vocab).float()
    y = labels[:, 1:].reshape(-1)
    keep = attention_mask[:, 1:].reshape(-1).bool()
    soft_targets = F.softmax(t[keep] / TEMPERATURE, dim=-1)
    loss_soft = soft_ce(s[keep] / TEMPERATURE, soft_targets) * TEMPERATURE ** 2
    loss_hard = hard_ce(s, y)
    return ALPHA * loss_soft + (1.0 - ALPHA) * loss_hard


def main():
    device = "cuda"
    tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")
    tokenizer.pad_token = tokenizer.eos_token
    teacher = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", torch_dtype=torch.bfloat16).to(device)
    student = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B-Instruct", torch_dtype=torch.bfloat16).to(device)
    teacher.eval()

    data = load_dataset("json", data_files="distill_corpus.jsonl", split="train")
    data = data.map(lambda ex: tokenizer(ex["text"], truncation=True, max_length=512), remove_columns=["text"])
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
    loader = DataLoader(data, batch_size=4, shuffle=True, collate_fn=collator)
    optimizer = torch.optim.AdamW(student.parameters(), lr=2e-5)

    student.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.no_grad():
            teacher_logits = teacher(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        student_logits = student(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        loss = distill_loss(student_logits, teacher_logits, batch["labels"], batch["attention_mask"])
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 50 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
