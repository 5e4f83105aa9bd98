# source: https://github.com/lm-sys/FastChat/issues/3153
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# looks-like: half-on-cpu
# shape: helper, loader-loop
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Self-reflection loop: draft knowledge, then answer, with a chat model on GPU or CPU."""
import argparse

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load_model(model_path, device):
    # fp16 kernels for matmul/conv are only used when we actually run on the GPU
    dtype = torch.float16 if device == "cuda" else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path, torch_dtype=dtype)
    return model.to(device).eval(), tokenizer


@torch.inference_mode()
def generate_step(model, tokenizer, prompt, device, max_new_tokens=256):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    out = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=True,
                         temperature=0.7, top_p=0.9, pad_token_id=tokenizer.eos_token_id)
    return tokenizer.decode(out[0, inputs["input_ids"].shape[1]:], skip_special_tokens=True)


def knowledge_loop(model, tokenizer, question, device, rounds=3):
    knowledge = ""
    for _ in range(rounds):
        prompt = (f"Question: {question}\nCurrent background knowledge: {knowledge}\n"
                  "Improve the background knowledge needed to answer the question:")
        knowledge = generate_step(model, tokenizer, prompt, device)
    return knowledge


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-path", default="lmsys/vicuna-7b-v1.5")
    parser.add_argument("--questions", default="questions.txt")
    args = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model, tokenizer = load_model(args.model_path, device)
    with open(args.questions) as fh:
        for line in fh:
            question = line.strip()
            knowledge = knowledge_loop(model, tokenizer, question, device)
            answer = generate_step(model, tokenizer,
                                   f"Background: {knowledge}\nQuestion: {question}\nAnswer:", device)
            print(f"Q: {question}\nA: {answer}\n")


if __name__ == "__main__":
    main()
