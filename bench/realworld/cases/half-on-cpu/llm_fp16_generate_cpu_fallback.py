# source: https://github.com/huggingface/transformers/issues/27769 https://github.com/huggingface/transformers/issues/25891
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 18, 20, 31
# cpu: no needs a model download
# needs: torch, transformers

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

CHECKPOINT = "meta-llama/Llama-2-7b-chat-hf"
device = "cuda" if torch.cuda.is_available() else "cpu"


def load_model(checkpoint=CHECKPOINT):
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForCausalLM.from_pretrained(
        checkpoint,
        torch_dtype=torch.half,
        low_cpu_mem_usage=True,
    )
    model.to(device)
    model.eval()
    return tokenizer, model


def generate_reply(tokenizer, model, prompt, max_new_tokens=64):
    inputs = tokenizer(prompt, return_tensors="pt").to(device)
    with torch.no_grad():
        tokens = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False)
    return tokenizer.decode(tokens[0], skip_special_tokens=True)


if __name__ == "__main__":
    tok, llm = load_model()
    for prompt in ["Hello, I am", "The capital of France is"]:
        print(generate_reply(tok, llm, prompt))
