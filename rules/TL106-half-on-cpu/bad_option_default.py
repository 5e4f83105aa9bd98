# The device is an option whose default is the CPU: the run without flags calls the
# float16 model there.
import argparse

import torch
from transformers import AutoModelForCausalLM


def load_model(args):
    model = AutoModelForCausalLM.from_pretrained(args.model, torch_dtype=torch.float16)  # expect: TL106:62 lines=11,22,16
    model.to(args.device)
    return model.eval()


def reply(model, ids):
    return model.generate(torch.tensor([ids], device=model.device), max_new_tokens=8)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="meta-llama/Llama-2-7b-chat-hf")
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    print(reply(load_model(args), [1, 15, 27]))
