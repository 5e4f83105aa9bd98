# source: https://github.com/huggingface/transformers/issues/4240
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 49
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.utils.data import DataLoader
from transformers import (AutoModelForMaskedLM, AutoTokenizer, DataCollatorForLanguageModeling,
                          get_linear_schedule_with_warmup)

from checkpointing import load_checkpoint, save_checkpoint


def build_dataset(tokenizer, path, block_size):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    enc = tokenizer(lines, truncation=True, max_length=block_size)
    return [{"input_ids": ids} for ids in enc["input_ids"]]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", default="roberta-base")
    p.add_argument("--train_data_file", required=True)
    p.add_argument("--output_dir", default="./MyRobertaOutput")
    p.add_argument("--resume_from", default=None)
    p.add_argument("--learning_rate", type=float, default=1e-5)
    p.add_argument("--num_train_epochs", type=int, default=2)
    args = p.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path)
    model = AutoModelForMaskedLM.from_pretrained(args.model_name_or_path)
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=True, mlm_probability=0.15)
    loader = DataLoader(build_dataset(tokenizer, args.train_data_file, 128), batch_size=16,
                        shuffle=True, collate_fn=collator)

    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)
    total = len(loader) * args.num_train_epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=500, num_training_steps=total)
    global_step = 0
    if args.resume_from:
        global_step = load_checkpoint(args.resume_from, model, optimizer, scheduler)

    model.to(device)
    model.train()
    for epoch in range(args.num_train_epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            global_step += 1
            if global_step % 1000 == 0:
                save_checkpoint(args.output_dir, model, optimizer, scheduler, global_step)


if __name__ == "__main__":
    main()
