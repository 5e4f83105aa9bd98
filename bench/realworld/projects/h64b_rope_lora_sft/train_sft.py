# source: https://github.com/huggingface/transformers/issues/24468
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop, batch-dict
# needs: torch, peft
# cpu: no written where torch was not installed; not run
import torch
from peft import LoraConfig, get_peft_model
from torch.utils.data import DataLoader

from model import MiniLlama

ACCUM_STEPS = 8


def sft_collate(examples, pad_id=0):
    max_len = max(len(e["prompt"]) + len(e["answer"]) for e in examples)
    ids = torch.full((len(examples), max_len), pad_id, dtype=torch.long)
    labels = torch.full_like(ids, -100)
    for i, e in enumerate(examples):
        seq = e["prompt"] + e["answer"]
        ids[i, : len(seq)] = torch.tensor(seq)
        labels[i, len(e["prompt"]) : len(seq)] = torch.tensor(e["answer"])
    return {"input_ids": ids, "labels": labels}


def main():
    device = torch.device("cuda")
    base = MiniLlama()
    base.load_state_dict(torch.load("mini_llama_base.pt", map_location="cpu"))
    lora_cfg = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, target_modules=["q_proj", "v_proj"])
    model = get_peft_model(base, lora_cfg).to(device)
    model.print_trainable_parameters()

    data = [{"prompt": list(range(5, 40)), "answer": list(range(40, 60))} for _ in range(256)]
    loader = DataLoader(data, batch_size=4, shuffle=True, collate_fn=sft_collate)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)

    model.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = model(**batch) / ACCUM_STEPS
        loss.backward()
        if (step + 1) % ACCUM_STEPS == 0:
            opt.step()
            opt.zero_grad()
            print(f"update {(step + 1) // ACCUM_STEPS}: loss {loss.item() * ACCUM_STEPS:.4f}")


if __name__ == "__main__":
    main()
