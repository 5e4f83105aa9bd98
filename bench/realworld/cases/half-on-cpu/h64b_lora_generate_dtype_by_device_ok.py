# source: https://github.com/tloen/alpaca-lora/pull/48
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import argparse

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

PROMPT = "Below is an instruction. Write a response.\n\n### Instruction:\n{instruction}\n\n### Response:\n"


def pick_device_and_dtype(force_cpu=False):
    if torch.cuda.is_available() and not force_cpu:
        return torch.device("cuda"), torch.float16
    # fp16 matmuls are a GPU thing; keep full precision for CPU inference
    return torch.device("cpu"), torch.float32


def load(base_model, lora_weights, device, dtype):
    model = AutoModelForCausalLM.from_pretrained(base_model, torch_dtype=dtype, low_cpu_mem_usage=True)
    model = PeftModel.from_pretrained(model, lora_weights)
    if dtype == torch.float16:
        model.half()
    return model.to(device).eval()


@torch.no_grad()
def respond(model, tokenizer, instruction, device, max_new_tokens=128):
    enc = tokenizer(PROMPT.format(instruction=instruction), return_tensors="pt")
    input_ids = enc["input_ids"].to(device)
    config = GenerationConfig(temperature=0.1, top_p=0.75, num_beams=2, max_new_tokens=max_new_tokens)
    out = model.generate(input_ids=input_ids, generation_config=config)
    return tokenizer.decode(out[0], skip_special_tokens=True).split("### Response:")[-1].strip()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base_model", default="huggyllama/llama-7b")
    parser.add_argument("--lora_weights", default="tloen/alpaca-lora-7b")
    parser.add_argument("--cpu", action="store_true")
    args = parser.parse_args()

    device, dtype = pick_device_and_dtype(args.cpu)
    tokenizer = AutoTokenizer.from_pretrained(args.base_model)
    model = load(args.base_model, args.lora_weights, device, dtype)
    for instruction in ["Tell me about alpacas.", "Write a haiku about GPUs."]:
        print(instruction, "->", respond(model, tokenizer, instruction, device))
