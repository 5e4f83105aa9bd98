# source: https://github.com/OpenBMB/MiniCPM-V/issues/318 https://github.com/huggingface/peft/issues/629
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# shape: helper, batch-dict, loader-loop
# looks-like: adapter-after-placement
# cpu: no needs a download
# needs: torch, transformers, peft
import argparse
import os

import torch
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_model(args):
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    device = torch.device("cuda", local_rank) if torch.cuda.is_available() else torch.device("cpu")
    dtype = torch.float16 if device.type == "cuda" else torch.float32
    model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path, torch_dtype=dtype)
    model.to(device)  # the whole half model is placed before the adapters are attached
    config = LoraConfig(r=args.lora_r, lora_alpha=2 * args.lora_r, target_modules=["q_proj", "v_proj"],
                        lora_dropout=0.05, task_type="CAUSAL_LM")
    model = get_peft_model(model, config)
    return model, device


def train(args, texts):
    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path)
    tokenizer.pad_token = tokenizer.eos_token
    model, device = load_model(args)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    collate = lambda b: tokenizer(b, return_tensors="pt", padding=True)
    for batch in DataLoader(texts, batch_size=2, collate_fn=collate):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", default="facebook/opt-350m")
    p.add_argument("--lora_r", type=int, default=8)
    p.add_argument("--lr", type=float, default=2e-4)
    train(p.parse_args(), ["hello world", "a second example", "one more", "and the last"])
