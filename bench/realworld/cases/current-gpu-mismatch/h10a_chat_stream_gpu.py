# source: https://github.com/lm-sys/FastChat/issues/2286
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:6 and cuda:0!
# pattern: current-gpu-mismatch
# shape: helper, top-level
# bug-lines: 19, 33, 36
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_model(model_path, gpu_id):
    tokenizer = AutoTokenizer.from_pretrained(model_path, use_fast=False)
    model = AutoModelForCausalLM.from_pretrained(
        model_path, torch_dtype=torch.float16, low_cpu_mem_usage=True
    )
    model.to(f"cuda:{gpu_id}")
    model.eval()
    return model, tokenizer


@torch.inference_mode()
def generate_stream(model, tokenizer, prompt, max_new_tokens=256, temperature=0.7):
    input_ids = tokenizer(prompt).input_ids
    output_ids = list(input_ids)
    past_key_values = None
    token = None

    for i in range(max_new_tokens):
        if i == 0:
            out = model(torch.as_tensor([input_ids]).cuda(), use_cache=True)
        else:
            out = model(
                input_ids=torch.as_tensor([[token]]).cuda(),
                use_cache=True,
                past_key_values=past_key_values,
            )
        logits = out.logits[0, -1, :]
        past_key_values = out.past_key_values
        if temperature < 1e-4:
            token = int(torch.argmax(logits))
        else:
            probs = torch.softmax(logits / temperature, dim=-1)
            token = int(torch.multinomial(probs, num_samples=1))
        output_ids.append(token)
        if token == tokenizer.eos_token_id:
            break
        yield tokenizer.decode(output_ids[len(input_ids):], skip_special_tokens=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-path", default="LinkSoul/Chinese-Llama-2-7b")
    parser.add_argument("--gpu", type=int, default=6)
    args = parser.parse_args()

    model, tokenizer = load_model(args.model_path, args.gpu)
    while True:
        prompt = input("USER: ")
        if not prompt:
            break
        text = ""
        for text in generate_stream(model, tokenizer, f"[INST] {prompt} [/INST]"):
            pass
        print("ASSISTANT:", text)
