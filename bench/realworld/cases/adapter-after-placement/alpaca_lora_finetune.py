# source: https://github.com/tloen/alpaca-lora/issues/308
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: adapter-after-placement
# shape: helper, batch-dict, loader-loop
# looks-like: adapter-after-placement
# cpu: no needs peft
# needs: torch, transformers, peft
import torch
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, LlamaForCausalLM

BASE_MODEL = "decapoda-research/llama-7b-hf"


def build_model(device):
    model = LlamaForCausalLM.from_pretrained(BASE_MODEL, torch_dtype=torch.float32)
    config = LoraConfig(
        r=8,
        lora_alpha=16,
        target_modules=["q_proj", "v_proj"],
        lora_dropout=0.05,
        bias="none",
        task_type="CAUSAL_LM",
    )
    model = get_peft_model(model, config)
    model.to(device)
    model.print_trainable_parameters()
    return model


def make_loader(tokenizer, texts, batch_size=4):
    def collate(batch):
        enc = tokenizer(batch, return_tensors="pt", padding=True, truncation=True, max_length=256)
        enc["labels"] = enc["input_ids"].clone()
        return enc

    return DataLoader(texts, batch_size=batch_size, shuffle=True, collate_fn=collate)


def train(model, loader, device, epochs=1):
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-4)
    model.train()
    for _ in range(epochs):
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model(**batch).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
    return model


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)
    tokenizer.pad_token_id = 0
    texts = ["### Instruction:\nSay hi.\n\n### Response:\nHi!"] * 16
    model = build_model(device)
    train(model, make_loader(tokenizer, texts), device)
