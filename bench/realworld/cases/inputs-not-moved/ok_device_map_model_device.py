# source: https://github.com/huggingface/transformers/pull/25204 https://github.com/mit-han-lab/streaming-llm/pull/20
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: helper
# looks-like: inputs-not-moved
# cpu: no needs a download
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load(model_name="lmsys/vicuna-7b-v1.3"):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(model_name, torch_dtype=torch.float16, device_map="auto")
    return tokenizer, model


@torch.no_grad()
def greedy_generate(model, tokenizer, prompt, max_gen_len=64):
    input_ids = tokenizer(prompt, return_tensors="pt").input_ids
    input_ids = input_ids.to(model.device)
    output = model.generate(input_ids, max_new_tokens=max_gen_len, do_sample=False)
    return tokenizer.decode(output[0, input_ids.shape[1]:], skip_special_tokens=True)


if __name__ == "__main__":
    tokenizer, model = load()
    for prompt in ["USER: What is the capital of France?\nASSISTANT:"]:
        print(greedy_generate(model, tokenizer, prompt))
