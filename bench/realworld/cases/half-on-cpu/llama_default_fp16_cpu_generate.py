# source: https://github.com/bigscience-workshop/petals/issues/432
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 21
# cpu: clean
# needs: torch, transformers
import argparse

import torch
from transformers import AutoModelForCausalLM, LlamaConfig


def tiny_llama_config():
    # stands in for from_pretrained("meta-llama/Llama-2-7b-chat-hf"): the checkpoint's dtype is float16
    return LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128)


def load_model(args):
    model = AutoModelForCausalLM.from_config(tiny_llama_config(), torch_dtype=torch.float16)
    model.to(args.device)
    model.eval()
    return model


def generate_reply(model, prompt_ids, max_new_tokens):
    inputs = torch.tensor([prompt_ids], device=model.device)
    with torch.no_grad():
        out = model.generate(inputs, max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=0)
    return out[0, len(prompt_ids):].tolist()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")  # running the client on a laptop without a GPU
    parser.add_argument("--max_new_tokens", type=int, default=5)
    args = parser.parse_args()
    model = load_model(args)
    print(generate_reply(model, [1, 15, 27, 99], args.max_new_tokens))
