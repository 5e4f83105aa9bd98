# source: https://github.com/huggingface/transformers/issues/25891
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# looks-like: half-on-cpu
# cpu: no needs a model download
# needs: torch, transformers

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

CHECKPOINT = "meta-llama/Llama-2-7b-chat-hf"


def pick_device_and_dtype():
    if torch.cuda.is_available():
        return "cuda", torch.float16
    return "cpu", torch.float32


def load(checkpoint=CHECKPOINT):
    device, dtype = pick_device_and_dtype()
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForCausalLM.from_pretrained(checkpoint, torch_dtype=dtype)
    model = model.to(device).eval()
    return tokenizer, model, device


def complete(prompt, tokenizer, model, device, max_new_tokens=32):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    with torch.no_grad():
        tokens = model.generate(**inputs, max_new_tokens=max_new_tokens)
    return tokenizer.decode(tokens[0], skip_special_tokens=True)


if __name__ == "__main__":
    tok, llm, dev = load()
    print(complete("Hello, I am", tok, llm, dev))
