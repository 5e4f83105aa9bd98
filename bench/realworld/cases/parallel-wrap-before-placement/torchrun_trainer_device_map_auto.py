# source: https://github.com/yuanzhoulvpi2017/zero_nlp/issues/115
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cuda', index=0), device(type='cuda', index=1)}.
# pattern: parallel-wrap-before-placement
# shape: helper, batch-dict
# bug-lines: 25
# cpu: no needs a download and several GPUs
# needs: torch, transformers, datasets
import argparse

import torch
from datasets import load_dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)


def load_model_and_tokenizer(name):
    tokenizer = AutoTokenizer.from_pretrained(name, trust_remote_code=True)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(name, trust_remote_code=True, torch_dtype=torch.float16, device_map="auto")
    model.gradient_checkpointing_enable()
    model.config.use_cache = False
    return model, tokenizer


def tokenize_fn(tokenizer, max_len):
    def fn(examples):
        texts = [q + "\n" + a for q, a in zip(examples["instruction"], examples["output"])]
        return tokenizer(texts, truncation=True, max_length=max_len)
    return fn


def main(args):
    model, tokenizer = load_model_and_tokenizer(args.model_name_or_path)
    raw = load_dataset("json", data_files=args.data_path)["train"]
    train_ds = raw.map(tokenize_fn(tokenizer, args.max_len), batched=True, remove_columns=raw.column_names)
    training_args = TrainingArguments(
        output_dir=args.output_dir,
        per_device_train_batch_size=2,
        gradient_accumulation_steps=8,
        learning_rate=1e-5,
        num_train_epochs=1,
        fp16=True,
        logging_steps=10,
    )
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_ds,
        data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
    )
    trainer.train()


if __name__ == "__main__":
    # torchrun --nproc_per_node 2 train_parallel.py
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", default="THUDM/chatglm-6b")
    p.add_argument("--data_path", default="data/train.json")
    p.add_argument("--output_dir", default="output")
    p.add_argument("--max_len", type=int, default=512)
    main(p.parse_args())
