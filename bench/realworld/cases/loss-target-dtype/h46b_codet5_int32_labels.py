# source: https://github.com/ThilinaRajapakse/simpletransformers/issues/1553
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 36, 61
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Fine-tune CodeT5-small to generate a Python function from its docstring."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, T5ForConditionalGeneration

CKPT = "Salesforce/codet5-small"
IGNORE = -100


def make_collate(tokenizer, max_src=128, max_tgt=256):
    pad_id = tokenizer.pad_token_id

    def collate(examples):
        src = tokenizer([ex["docstring"] for ex in examples], padding=True,
                        truncation=True, max_length=max_src, return_tensors="pt")
        tgt = tokenizer([ex["code"] for ex in examples], padding=True,
                        truncation=True, max_length=max_tgt)
        target_ids = []
        decoder_ids = []
        for ids in tgt["input_ids"]:
            decoder_ids.append([pad_id] + ids[:-1])
            target_ids.append([t if t != pad_id else IGNORE for t in ids])
        return {
            "input_ids": src["input_ids"],
            "attention_mask": src["attention_mask"],
            "decoder_input_ids": torch.tensor(decoder_ids, dtype=torch.long),
            # int32 halves host memory for long code targets
            "labels": torch.tensor(target_ids, dtype=torch.int32),
        }

    return collate


def finetune(examples, epochs=3, batch_size=8):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(CKPT)
    model = T5ForConditionalGeneration.from_pretrained(CKPT).to(device)
    loader = DataLoader(examples, batch_size=batch_size, shuffle=True,
                        collate_fn=make_collate(tokenizer))
    loss_fct = nn.CrossEntropyLoss(ignore_index=IGNORE)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)

    model.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            out = model(
                input_ids=batch["input_ids"],
                attention_mask=batch["attention_mask"],
                decoder_input_ids=batch["decoder_input_ids"],
            )
            logits = out.logits
            loss = loss_fct(logits.view(-1, logits.size(-1)), batch["labels"].view(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.3f}")
    return model


if __name__ == "__main__":
    data = [
        {"docstring": "Return the sum of a list of numbers.", "code": "def total(xs):\n    return sum(xs)"},
        {"docstring": "Reverse a string.", "code": "def rev(s):\n    return s[::-1]"},
    ] * 16
    finetune(data)
