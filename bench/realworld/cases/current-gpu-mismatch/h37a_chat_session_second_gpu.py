# source: https://github.com/OpenGVLab/InternVL/issues/452
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 39, 40
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Chat session that pins the assistant model to a chosen GPU (GPU 0 is busy with the embedder)."""
import os

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_PATH = os.environ.get("CHAT_MODEL", "Qwen/Qwen2-1.5B-Instruct")
CHAT_GPU = os.environ.get("CHAT_GPU", "cuda:1")


def build_prompt(tokenizer, history, question, system="You are a helpful assistant."):
    messages = [{"role": "system", "content": system}]
    for user_turn, bot_turn in history:
        messages.append({"role": "user", "content": user_turn})
        messages.append({"role": "assistant", "content": bot_turn})
    messages.append({"role": "user", "content": question})
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


class ChatSession:
    def __init__(self, model_path=MODEL_PATH, device=CHAT_GPU):
        self.tokenizer = AutoTokenizer.from_pretrained(model_path)
        self.model = AutoModelForCausalLM.from_pretrained(
            model_path, torch_dtype=torch.bfloat16, low_cpu_mem_usage=True
        ).eval().cuda(device)
        self.history = []

    @torch.no_grad()
    def ask(self, question, max_new_tokens=256):
        prompt = build_prompt(self.tokenizer, self.history, question)
        model_inputs = self.tokenizer(prompt, return_tensors="pt")
        input_ids = model_inputs["input_ids"].cuda()
        attention_mask = model_inputs["attention_mask"].cuda()
        output = self.model.generate(input_ids=input_ids, attention_mask=attention_mask,
                                     max_new_tokens=max_new_tokens, do_sample=False)
        answer = self.tokenizer.decode(output[0, input_ids.shape[1]:], skip_special_tokens=True)
        self.history.append((question, answer))
        return answer


if __name__ == "__main__":
    session = ChatSession()
    print(session.ask("Summarise the plot of Hamlet in two sentences."))
    print(session.ask("And who dies first?"))
