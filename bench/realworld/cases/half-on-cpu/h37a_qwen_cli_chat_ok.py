# source: https://github.com/QwenLM/Qwen/issues/273
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Command-line chat with a Qwen chat checkpoint that also runs on CPU-only laptops."""
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def pick_device(requested):
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return requested


def load_chat_model(path, device):
    tokenizer = AutoTokenizer.from_pretrained(path, trust_remote_code=True)
    dtype = torch.float16 if device.startswith("cuda") else torch.float32
    model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=dtype,
                                                 trust_remote_code=True)
    if device == "cpu":
        # fp16 matmuls are not implemented for CPU tensors; keep full precision there
        model = model.float()
    return tokenizer, model.to(device).eval()


def reply(tokenizer, model, history, query, device, max_new_tokens=512):
    messages = [{"role": "system", "content": "You are a helpful assistant."}]
    for q, a in history:
        messages += [{"role": "user", "content": q}, {"role": "assistant", "content": a}]
    messages.append({"role": "user", "content": query})
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    inputs = tokenizer(text, return_tensors="pt").to(device)
    with torch.no_grad():
        out = model.generate(**inputs, max_new_tokens=max_new_tokens)
    return tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="Qwen/Qwen1.5-1.8B-Chat")
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    device = pick_device(args.device)
    tokenizer, model = load_chat_model(args.model, device)
    history = []
    while True:
        query = input("you> ").strip()
        if query in {"exit", "quit"}:
            break
        answer = reply(tokenizer, model, history, query, device)
        history.append((query, answer))
        print("qwen>", answer)
