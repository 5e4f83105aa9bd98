# source: https://github.com/huggingface/peft/issues/81
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: discarded-tensor-move
# shape: helper, batch-dict
# looks-like: discarded-tensor-move
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def load(name, device):
    tokenizer = AutoTokenizer.from_pretrained(name, padding_side="left")
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.bfloat16)
    model.to(device)
    model.eval()
    return tokenizer, model


def build_batch(tokenizer, conversations, device):
    prompts = [
        tokenizer.apply_chat_template(conv, tokenize=False, add_generation_prompt=True)
        for conv in conversations
    ]
    batch = tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
    batch.to(device)
    return batch


@torch.no_grad()
def chat(tokenizer, model, conversations, device, max_new_tokens=256):
    batch = build_batch(tokenizer, conversations, device)
    out = model.generate(
        **batch,
        max_new_tokens=max_new_tokens,
        do_sample=False,
        pad_token_id=tokenizer.pad_token_id,
    )
    new_tokens = out[:, batch["input_ids"].shape[1]:]
    return tokenizer.batch_decode(new_tokens, skip_special_tokens=True)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer, model = load("Qwen/Qwen2.5-0.5B-Instruct", device)
    convs = [
        [{"role": "user", "content": "Summarise LoRA in one sentence."}],
        [{"role": "user", "content": "What does a KV cache store?"}],
    ]
    for reply in chat(tokenizer, model, convs, device):
        print(reply)
