# source: https://github.com/huggingface/diffusers/issues/11791
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: adapter-after-placement
# shape: multi-file, class, helper
# bug-lines: 43
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Logit distillation of a 1.5B teacher into LoRA adapters on a 0.5B student."""
import argparse

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

from data import DistillJsonl, make_collate
from lora import inject_lora, lora_parameters, lora_state_dict


def kd_loss(student_logits, teacher_logits, attention_mask, temperature=2.0):
    vocab = min(student_logits.size(-1), teacher_logits.size(-1))
    s = F.log_softmax(student_logits[..., :vocab] / temperature, dim=-1)
    t = F.softmax(teacher_logits[..., :vocab] / temperature, dim=-1)
    per_token = F.kl_div(s, t, reduction="none").sum(-1)
    mask = attention_mask.float()
    return (per_token * mask).sum() / mask.sum() * temperature ** 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--teacher", default="Qwen/Qwen2.5-1.5B-Instruct")
    parser.add_argument("--student", default="Qwen/Qwen2.5-0.5B")
    parser.add_argument("--data", default="teacher_samples.jsonl")
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    device = torch.device("cuda")
    tokenizer = AutoTokenizer.from_pretrained(args.teacher)
    teacher = AutoModelForCausalLM.from_pretrained(args.teacher, torch_dtype=torch.bfloat16).to(device).eval()
    student = AutoModelForCausalLM.from_pretrained(args.student, torch_dtype=torch.float32).to(device)
    student.requires_grad_(False)
    inject_lora(student, targets=("q_proj", "k_proj", "v_proj", "o_proj"), r=args.rank, alpha=2 * args.rank)

    optimizer = torch.optim.AdamW(lora_parameters(student), lr=2e-4)
    loader = DataLoader(DistillJsonl(args.data, tokenizer), batch_size=8, shuffle=True,
                        collate_fn=make_collate(tokenizer.pad_token_id))
    student.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            with torch.no_grad():
                teacher_logits = teacher(**batch).logits.float()
            student_logits = student(**batch).logits
            loss = kd_loss(student_logits, teacher_logits, batch["attention_mask"])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step}: kd {loss.item():.4f}")
    torch.save(lora_state_dict(student), "student_lora.pt")


if __name__ == "__main__":
    main()
