# source: https://github.com/datamllab/LongLM/issues/37
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 39, 40
# cpu: no needs a download
# needs: torch, transformers
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="meta-llama/Llama-2-7b-chat-hf")
    parser.add_argument("--group_size", type=int, default=6)
    parser.add_argument("--window_size", type=int, default=1024)
    return parser.parse_args()


def build_passkey_prompt(pass_key, n_garbage=200):
    garbage = "The grass is green. The sky is blue. The sun is yellow. Here we go. " * n_garbage
    task = "There is an important info hidden inside a lot of irrelevant text. Find it."
    info = f"The pass key is {pass_key}. Remember it. {pass_key} is the pass key."
    return f"{task} {garbage} {info} {garbage} What is the pass key? The pass key is"


def load(args):
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForCausalLM.from_pretrained(args.model, torch_dtype=torch.bfloat16)
    model.cuda()
    model.eval()
    return model, tokenizer


def run_passkey(model, tokenizer, pass_key):
    prompt = build_passkey_prompt(pass_key)
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    tokens = model.generate(input_ids, max_new_tokens=len(str(pass_key)))
    answer = tokenizer.decode(tokens[0].tolist()[input_ids.shape[1]:], skip_special_tokens=True)
    return answer


if __name__ == "__main__":
    args = parse_args()
    model, tokenizer = load(args)
    for key in (51390, 80437):
        print(key, run_passkey(model, tokenizer, key))
