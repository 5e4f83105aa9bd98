# source: https://github.com/huggingface/transformers/pull/25204
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: helper
# bug-lines: 30, 31
# cpu: no needs a download
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_NAME = "mosaicml/mpt-7b-chat"


def load_chat_model(model_name=MODEL_NAME):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModelForCausalLM.from_pretrained(
        model_name,
        torch_dtype=torch.float16,
        trust_remote_code=True,
        device_map="auto",
    )
    return tokenizer, model


def build_prompt(question):
    return f"<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n"


def chat(tokenizer, model, question, max_length=100):
    input_ids = tokenizer.encode(build_prompt(question), return_tensors="pt")
    output = model.generate(input_ids, max_length=max_length, do_sample=True)
    return tokenizer.decode(output[0][input_ids.shape[1]:], skip_special_tokens=True)


if __name__ == "__main__":
    tokenizer, model = load_chat_model()
    print(chat(tokenizer, model, "Write a python program to find the largest prime number below 1000."))
