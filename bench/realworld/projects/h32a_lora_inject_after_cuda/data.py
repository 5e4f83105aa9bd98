# source: https://github.com/huggingface/peft/pull/583
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, batch-dict
# needs: torch, datasets
# cpu: no written where torch was not installed; not run
from datasets import load_dataset

PROMPT = "### Instruction:\n{instruction}\n\n### Response:\n"


def build_sft_dataset(tokenizer, max_len=512, split="train[:2000]"):
    raw = load_dataset("yahma/alpaca-cleaned", split=split)

    def tokenize(row):
        prompt = PROMPT.format(instruction=row["instruction"])
        full = prompt + row["output"] + tokenizer.eos_token
        ids = tokenizer(full, truncation=True, max_length=max_len)["input_ids"]
        n_prompt = len(tokenizer(prompt)["input_ids"])
        labels = [-100] * n_prompt + ids[n_prompt:]
        return {"input_ids": ids, "labels": labels[: len(ids)]}

    return raw.map(tokenize, remove_columns=raw.column_names)


def make_collator(pad_id):
    import torch

    def collate(rows):
        width = max(len(r["input_ids"]) for r in rows)
        ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
        labels = torch.full((len(rows), width), -100, dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r["input_ids"])] = torch.tensor(r["input_ids"])
            labels[i, : len(r["labels"])] = torch.tensor(r["labels"])
        return {"input_ids": ids, "attention_mask": (ids != pad_id).long(), "labels": labels}

    return collate
