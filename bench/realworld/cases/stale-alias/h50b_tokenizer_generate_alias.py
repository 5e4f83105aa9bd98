# source: https://github.com/QwenLM/Qwen2-Audio/pull/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: stale-alias
# shape: helper, batch-dict
# bug-lines: 31
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import json

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL = "Qwen/Qwen2.5-0.5B-Instruct"


def build_inputs(tokenizer, questions):
    prompts = [
        tokenizer.apply_chat_template([{"role": "user", "content": q}],
                                      tokenize=False, add_generation_prompt=True)
        for q in questions
    ]
    enc = tokenizer(prompts, return_tensors="pt", padding=True)
    input_ids = enc["input_ids"]
    return enc, input_ids


@torch.no_grad()
def answer_batch(model, tokenizer, questions, device, max_new_tokens=128):
    enc, input_ids = build_inputs(tokenizer, questions)
    enc = enc.to(device)
    out = model.generate(input_ids=input_ids, attention_mask=enc["attention_mask"],
                         max_new_tokens=max_new_tokens, do_sample=False,
                         pad_token_id=tokenizer.pad_token_id)
    new_tokens = out[:, input_ids.shape[1]:]
    return tokenizer.batch_decode(new_tokens, skip_special_tokens=True)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(MODEL, padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.bfloat16).to(device).eval()
    with open("questions.jsonl", encoding="utf-8") as f:
        questions = [json.loads(line)["question"] for line in f]
    for i in range(0, len(questions), 8):
        batch = questions[i:i + 8]
        for q, a in zip(batch, answer_batch(model, tokenizer, batch, device)):
            print(json.dumps({"question": q, "answer": a}, ensure_ascii=False))
