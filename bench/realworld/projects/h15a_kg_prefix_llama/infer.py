# source: https://github.com/zjukg/KoPA/issues/11
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: multi-file, class, helper
# bug-lines: 30
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
"""Triple classification with a LoRA-tuned LLaMA plus the KG prefix adapter."""
import json

import torch
from peft import PeftModel
from transformers import LlamaForCausalLM, LlamaTokenizer

from kopa import KGPrefixAdapter, KoPA

BASE = "huggyllama/llama-7b"
LORA_DIR = "output/kopa-fb15k237"
device = torch.device("cuda")


def load_kopa():
    tokenizer = LlamaTokenizer.from_pretrained(BASE)
    llm = LlamaForCausalLM.from_pretrained(BASE, torch_dtype=torch.float16).to(device)
    llm = PeftModel.from_pretrained(llm, LORA_DIR, torch_dtype=torch.float16)
    ent = torch.load("data/FB15K-237N/entity_emb.pt")
    rel = torch.load("data/FB15K-237N/relation_emb.pt")
    adapter = KGPrefixAdapter(ent, rel, llm.config.hidden_size)
    adapter.load_state_dict(torch.load(f"{LORA_DIR}/adapter.pth", map_location="cpu"))
    adapter = adapter.to(device)
    return tokenizer, KoPA(llm, adapter).eval()


def main():
    tokenizer, model = load_kopa()
    with open("data/FB15K-237N/test.json") as f:
        samples = json.load(f)
    for sample in samples[:20]:
        enc = tokenizer(sample["input"], return_tensors="pt").to(device)
        triple = torch.tensor([sample["embedding_ids"]], device=device)
        out = model.generate(enc.input_ids, enc.attention_mask, triple, max_new_tokens=8)
        print(sample["output"], "->", tokenizer.decode(out[0], skip_special_tokens=True))


if __name__ == "__main__":
    main()
