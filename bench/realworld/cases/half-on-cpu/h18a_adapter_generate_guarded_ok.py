# source: https://github.com/AGI-Edgerunners/LLM-Adapters/issues/19
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, top-level
# looks-like: half-on-cpu
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run

import argparse

import torch
from peft import PeftModel
from transformers import GenerationConfig, LlamaForCausalLM, LlamaTokenizer

if torch.cuda.is_available():
    device = "cuda"
elif torch.backends.mps.is_available():
    device = "mps"
else:
    device = "cpu"


def load_model(base_model, lora_weights, load_8bit=False):
    tokenizer = LlamaTokenizer.from_pretrained(base_model)
    if device == "cuda":
        model = LlamaForCausalLM.from_pretrained(
            base_model, load_in_8bit=load_8bit, torch_dtype=torch.float16, device_map="auto"
        )
        model = PeftModel.from_pretrained(model, lora_weights, torch_dtype=torch.float16)
    else:
        model = LlamaForCausalLM.from_pretrained(base_model, device_map={"": device}, low_cpu_mem_usage=True)
        model = PeftModel.from_pretrained(model, lora_weights, device_map={"": device})

    if not load_8bit and device == "cuda":
        model.half()  # fp16 kernels only on the GPU path
    model.eval()
    return tokenizer, model


def generate_prompt(instruction, input_text=None):
    if input_text:
        return f"### Instruction:\n{instruction}\n\n### Input:\n{input_text}\n\n### Response:\n"
    return f"### Instruction:\n{instruction}\n\n### Response:\n"


def evaluate(tokenizer, model, instruction, input_text=None, max_new_tokens=256):
    prompt = generate_prompt(instruction, input_text)
    input_ids = tokenizer(prompt, return_tensors="pt")["input_ids"].to(device)
    config = GenerationConfig(temperature=0.1, top_p=0.75, num_beams=4)
    with torch.no_grad():
        output = model.generate(input_ids=input_ids, generation_config=config, max_new_tokens=max_new_tokens)
    text = tokenizer.decode(output[0], skip_special_tokens=True)
    return text.split("### Response:")[-1].strip()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base_model", required=True)
    parser.add_argument("--lora_weights", default="trained_models/llama-lora")
    parser.add_argument("--load_8bit", action="store_true")
    args = parser.parse_args()
    tok, mdl = load_model(args.base_model, args.lora_weights, args.load_8bit)
    print(evaluate(tok, mdl, "Solve: a farmer has 17 sheep and all but 9 run away. How many are left?"))
