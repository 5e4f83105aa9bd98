# source: https://github.com/deepseek-ai/DeepSeek-R1/issues/554
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop, batch-dict
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Supervised fine-tuning of MathLM on GSM8K question/answer pairs (jsonl)."""
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoTokenizer

from model import MathLM

PROMPT = "Question: {question}\nLet's think step by step.\n"


def load_examples(path, tokenizer, max_len=512):
    examples = []
    with open(path) as f:
        for line in f:
            row = json.loads(line)
            prompt_ids = tokenizer(PROMPT.format(question=row["question"]))["input_ids"]
            answer_ids = tokenizer(row["answer"] + tokenizer.eos_token)["input_ids"]
            ids = (prompt_ids + answer_ids)[:max_len]
            labels = ([-100] * len(prompt_ids) + answer_ids)[:max_len]
            examples.append({"input_ids": ids, "labels": labels})
    return examples


def collate(batch, pad_id):
    width = max(len(ex["input_ids"]) for ex in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for i, ex in enumerate(batch):
        ids[i, : len(ex["input_ids"])] = torch.tensor(ex["input_ids"])
        labels[i, : len(ex["labels"])] = torch.tensor(ex["labels"])
    return {"input_ids": ids, "labels": labels}


def main():
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    tokenizer.pad_token = tokenizer.eos_token
    data = load_examples("gsm8k_train.jsonl", tokenizer)
    loader = DataLoader(data, batch_size=16, shuffle=True, collate_fn=lambda b: collate(b, tokenizer.pad_token_id))

    model = MathLM(len(tokenizer)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)
    for epoch in range(3):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            _, loss = model(batch["input_ids"], labels=batch["labels"])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    torch.save(model.state_dict(), "mathlm_gsm8k.pt")


if __name__ == "__main__":
    main()
