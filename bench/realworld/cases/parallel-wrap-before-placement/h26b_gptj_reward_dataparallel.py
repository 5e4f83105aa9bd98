# source: https://github.com/CarperAI/trlx/issues/544
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 39, 66
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer


class GPTRewardModel(nn.Module):
    def __init__(self, sft_path):
        super().__init__()
        lm = AutoModelForCausalLM.from_pretrained(sft_path)
        self.transformer = lm.transformer
        self.v_head = nn.Linear(lm.config.n_embd, 1, bias=False)

    def forward(self, input_ids, attention_mask):
        hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask)[0]
        rewards = self.v_head(hidden).squeeze(-1)
        ends = attention_mask.sum(dim=1) - 1
        return rewards.gather(1, ends.unsqueeze(1)).squeeze(1)


def freeze_bottom_layers(model, frac=0.7):
    layers = model.transformer.h
    for block in layers[: int(len(layers) * frac)]:
        block.requires_grad_(False)


def build_model(sft_path, device):
    model = GPTRewardModel(sft_path)
    freeze_bottom_layers(model)
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)
    else:
        model = model.to(device)
    return model


def make_loader(tokenizer, split, batch_size, max_length=550):
    def collate(rows):
        enc = tokenizer([r["prompt"] + r["chosen"] for r in rows] + [r["prompt"] + r["rejected"] for r in rows],
                        padding="max_length", truncation=True, max_length=max_length, return_tensors="pt")
        return {"input_ids": enc.input_ids, "attention_mask": enc.attention_mask}
    data = load_dataset("CarperAI/openai_summarize_comparisons", split=split)
    return DataLoader(data, batch_size=batch_size, shuffle=(split == "train"), collate_fn=collate)


def main(sft_path="CarperAI/openai_summarize_tldr_sft", epochs=1):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained("EleutherAI/gpt-j-6B")
    tokenizer.pad_token = tokenizer.eos_token
    model = build_model(sft_path, device)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-5)
    loader = make_loader(tokenizer, "train", batch_size=4)

    model.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            rewards = model(**batch)
            chosen, rejected = rewards.chunk(2)
            loss = -nn.functional.logsigmoid(chosen - rejected).mean()
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step % 20 == 0:
                acc = (chosen > rejected).float().mean().item()
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} acc {acc:.3f}")
    torch.save(getattr(model, "module", model).state_dict(), "rm_checkpoint/pytorch_model.bin")


if __name__ == "__main__":
    main()
