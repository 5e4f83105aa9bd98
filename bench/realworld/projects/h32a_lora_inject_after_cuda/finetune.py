# source: https://github.com/huggingface/peft/pull/583
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 23
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

from data import build_sft_dataset, make_collator
from lora import inject_lora

BASE = "facebook/opt-350m"


def main():
    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained(BASE)
    model = AutoModelForCausalLM.from_pretrained(BASE)
    model.to(device)
    n_trainable = inject_lora(model, target_names=("q_proj", "v_proj"), r=8, alpha=32)
    print(f"trainable params: {n_trainable}")

    ds = build_sft_dataset(tokenizer)
    loader = DataLoader(ds, batch_size=8, shuffle=True, collate_fn=make_collator(tokenizer.pad_token_id))
    optimizer = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad), lr=2e-4)

    model.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if step % 20 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
    torch.save({k: v for k, v in model.state_dict().items() if "lora_" in k}, "opt350m_lora.pt")


if __name__ == "__main__":
    main()
