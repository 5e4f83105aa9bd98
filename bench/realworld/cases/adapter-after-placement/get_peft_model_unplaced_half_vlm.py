# source: https://github.com/OpenBMB/MiniCPM-V/issues/318
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: adapter-after-placement
# shape: helper, batch-dict, loader-loop
# bug-lines: 30, 40
# cpu: no needs a download
# needs: torch, transformers, peft
import argparse

import torch
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", default="openbmb/MiniCPM-V-2")
    p.add_argument("--lora_r", type=int, default=64)
    p.add_argument("--lora_alpha", type=int, default=64)
    p.add_argument("--lora_target_modules", default=r"llm\..*layers\.\d+\.self_attn\.(q_proj|k_proj|v_proj)")
    p.add_argument("--fp16", action="store_true", default=True)
    p.add_argument("--lr", type=float, default=1e-5)
    return p.parse_args()


def load_model_and_tokenizer(args):
    compute_dtype = torch.float16 if args.fp16 else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path, trust_remote_code=True)
    model = AutoModel.from_pretrained(
        args.model_name_or_path, trust_remote_code=True, torch_dtype=compute_dtype
    )
    lora_config = LoraConfig(
        r=args.lora_r,
        lora_alpha=args.lora_alpha,
        target_modules=args.lora_target_modules,
        lora_dropout=0.05,
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, lora_config)
    model.print_trainable_parameters()
    return model, tokenizer


def move_batch(batch, device):
    out = {}
    for key, value in batch.items():
        if torch.is_tensor(value):
            out[key] = value.to(device)
        elif key == "pixel_values":
            out[key] = [[img.to(device) for img in imgs] for imgs in value]
        else:
            out[key] = value
    return out


def train(args, dataset, collate_fn):
    device = torch.device("cuda")
    model, tokenizer = load_model_and_tokenizer(args)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    model.train()
    for batch in DataLoader(dataset, batch_size=1, collate_fn=collate_fn):
        batch = move_batch(batch, device)
        outputs = model(data=batch, use_cache=False)
        outputs.loss.backward()
        optimizer.step()
        optimizer.zero_grad()
