# source: https://github.com/thinksoso/ChatGLM-Instruct-Tuning/issues/7
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop, batch-dict
# bug-lines: 19, 55
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


def load_model(name_or_path, torch_dtype):
    model = AutoModel.from_pretrained(name_or_path, trust_remote_code=True)
    if torch_dtype in ("auto", "float16"):
        model = model.half()
    model.gradient_checkpointing_enable()
    return model


def make_collate(tokenizer, max_len):
    def collate(examples):
        prompts = [ex["instruction"] + "\n" + ex["input"] for ex in examples]
        targets = [ex["output"] for ex in examples]
        enc = tokenizer(prompts, text_target=targets, max_length=max_len,
                        truncation=True, padding="max_length", return_tensors="pt")
        return {"input_ids": enc["input_ids"], "labels": enc["labels"]}
    return collate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name_or_path", default="THUDM/chatglm-6b")
    parser.add_argument("--data_path", default="data/alpaca_zh.json")
    parser.add_argument("--torch_dtype", default="auto")
    parser.add_argument("--max_len", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args()

    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path, trust_remote_code=True)
    model = load_model(args.model_name_or_path, args.torch_dtype)
    model.train()

    with open(args.data_path, encoding="utf-8") as f:
        records = json.load(f)
    loader = DataLoader(records, batch_size=4, shuffle=True,
                        collate_fn=make_collate(tokenizer, args.max_len))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)

    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            outputs = model(input_ids=batch["input_ids"], labels=batch["labels"])
            outputs.loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 50 == 0:
                print(epoch, step, outputs.loss.item())


if __name__ == "__main__":
    main()
