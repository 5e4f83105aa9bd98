# source: https://github.com/lm-sys/FastChat/issues/2560
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def pick_dtype(device):
    if device.startswith("cuda"):
        return torch.float16
    if device == "mps":
        return torch.float16
    return torch.float32


def load_model(model_path, device, num_gpus=1):
    kwargs = {"torch_dtype": pick_dtype(device)}
    if device == "cuda" and num_gpus > 1:
        kwargs["device_map"] = "auto"
    tokenizer = AutoTokenizer.from_pretrained(model_path, use_fast=False)
    model = AutoModelForCausalLM.from_pretrained(model_path, low_cpu_mem_usage=True, **kwargs)
    if "device_map" not in kwargs:
        model.to(device)
    return model.eval(), tokenizer


@torch.inference_mode()
def generate_stream(model, tokenizer, prompt, device, max_new_tokens=256, temperature=0.7):
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids.to(device)
    past = None
    out_ids = []
    for _ in range(max_new_tokens):
        inp = input_ids if past is None else torch.tensor([[out_ids[-1]]], device=device)
        out = model(inp, past_key_values=past, use_cache=True)
        logits, past = out.logits[:, -1, :], out.past_key_values
        probs = torch.softmax(logits.float() / temperature, dim=-1)
        token = int(torch.multinomial(probs, 1))
        out_ids.append(token)
        if token == tokenizer.eos_token_id:
            break
        yield tokenizer.decode(out_ids, skip_special_tokens=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-path", required=True)
    ap.add_argument("--device", choices=["cpu", "cuda", "mps"], default="cuda")
    ap.add_argument("--num-gpus", type=int, default=1)
    args = ap.parse_args()
    model, tokenizer = load_model(args.model_path, args.device, args.num_gpus)
    while True:
        user = input("USER: ")
        if not user:
            break
        text = ""
        for text in generate_stream(model, tokenizer, f"USER: {user}\nASSISTANT:", args.device):
            pass
        print("ASSISTANT:", text)
