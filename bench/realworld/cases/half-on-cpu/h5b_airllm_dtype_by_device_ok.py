# source: https://github.com/lyogavin/airllm/issues/23
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def pick_device_and_dtype(prefer_fp16=True):
    if torch.cuda.is_available():
        return "cuda", torch.float16 if prefer_fp16 else torch.float32
    return "cpu", torch.float32


def load(model_path, prefer_fp16):
    device, dtype = pick_device_and_dtype(prefer_fp16)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path, torch_dtype=dtype)
    model.to(device)
    model.eval()
    return tokenizer, model, device


def generate(tokenizer, model, device, prompt, max_new_tokens=30):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    with torch.no_grad():
        ids = model.generate(**inputs, max_new_tokens=max_new_tokens)
    return tokenizer.decode(ids[0], skip_special_tokens=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="/models/llama-7b-hf")
    p.add_argument("--no-fp16", action="store_true")
    p.add_argument("--prompt", default="What is the capital of France?")
    args = p.parse_args()
    tok, model, dev = load(args.model, prefer_fp16=not args.no_fp16)
    print(generate(tok, model, dev, args.prompt))
