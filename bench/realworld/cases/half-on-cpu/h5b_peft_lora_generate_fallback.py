# source: https://github.com/huggingface/peft/issues/267
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# bug-lines: 35, 36
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import os
import sys

import torch
from peft import PeftModel
from transformers import GenerationConfig, LlamaForCausalLM, LlamaTokenizer

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "2")

BASE_MODEL = "/models/chinese-llama-hf"
LORA_WEIGHTS = "/models/law-llama-lora/init"
LOAD_8BIT = False

if torch.cuda.is_available():
    device = "cuda"
elif torch.backends.mps.is_available():
    device = "mps"
else:
    device = "cpu"


def load_model(device):
    if device == "cuda":
        model = LlamaForCausalLM.from_pretrained(
            BASE_MODEL, load_in_8bit=LOAD_8BIT, torch_dtype=torch.float16, device_map="auto"
        )
    else:
        model = LlamaForCausalLM.from_pretrained(
            BASE_MODEL, device_map={"": device}, torch_dtype=torch.float16, low_cpu_mem_usage=True
        )
    model = PeftModel.from_pretrained(model, LORA_WEIGHTS, device_map={"": device})
    model.eval()
    return model


def evaluate(model, tokenizer, instruction, max_new_tokens=128):
    prompt = f"### Instruction:\n{instruction}\n\n### Response:\n"
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    config = GenerationConfig(temperature=0.1, top_p=0.75, num_beams=1)
    with torch.no_grad():
        out = model.generate(**inputs, generation_config=config, max_new_tokens=max_new_tokens)
    return tokenizer.decode(out[0], skip_special_tokens=True).split("### Response:")[-1].strip()


if __name__ == "__main__":
    tokenizer = LlamaTokenizer.from_pretrained(BASE_MODEL)
    model = load_model(device)
    print(evaluate(model, tokenizer, sys.argv[1] if len(sys.argv) > 1 else "What is a contract?"))
