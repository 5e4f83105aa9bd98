# source: https://github.com/bitsandbytes-foundation/bitsandbytes/pull/1570
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: loader-loop, batch-dict, helper
# looks-like: adapter-after-placement
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
"""LoRA/DoRA fine-tuning of a small encoder for review sentiment (notebook exported to script)."""
import torch
from peft import LoraConfig, TaskType, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForSequenceClassification, AutoTokenizer

MODEL_NAME = "distilroberta-base"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
base = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)

lora_config = LoraConfig(
    task_type=TaskType.SEQ_CLS, r=8, lora_alpha=16, lora_dropout=0.1,
    target_modules=["query", "value"], use_dora=True,
)
model = get_peft_model(base, lora_config)
model.print_trainable_parameters()
model.to(device)

reviews = [("Battery died after two days, returning it.", 0), ("Crisp screen and fast shipping!", 1)] * 64


def collate(batch):
    texts, labels = zip(*batch)
    enc = tokenizer(list(texts), padding=True, truncation=True, max_length=128, return_tensors="pt")
    enc["labels"] = torch.tensor(labels)
    return enc


loader = DataLoader(reviews, batch_size=16, shuffle=True, collate_fn=collate)
optimizer = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad), lr=2e-4)

model.train()
for epoch in range(3):
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        out = model(**batch)
        out.loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    print(f"epoch {epoch}: loss {out.loss.item():.4f}")
