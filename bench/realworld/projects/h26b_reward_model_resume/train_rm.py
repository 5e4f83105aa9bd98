# source: https://github.com/pytorch/pytorch/issues/111123 https://github.com/huggingface/transformers/issues/24708
# error: RuntimeError: Tensors of the same index must be on the same device and the same dtype except `step` tensors that can be CPU and float32/64 notwithstanding
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 53, 55
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, get_cosine_schedule_with_warmup

from checkpointing import latest_checkpoint, load_training_state, save_training_state
from reward_model import PairwiseRewardModel


def collate_pairs(tokenizer, max_len):
    def collate(rows):
        chosen = tokenizer([r["prompt"] + r["chosen"] for r in rows], padding=True,
                           truncation=True, max_length=max_len, return_tensors="pt")
        rejected = tokenizer([r["prompt"] + r["rejected"] for r in rows], padding=True,
                             truncation=True, max_length=max_len, return_tensors="pt")
        return {"chosen_ids": chosen.input_ids, "chosen_mask": chosen.attention_mask,
                "rejected_ids": rejected.input_ids, "rejected_mask": rejected.attention_mask}
    return collate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="EleutherAI/pythia-410m")
    parser.add_argument("--dataset", default="Anthropic/hh-rlhf")
    parser.add_argument("--output_dir", default="rm_runs/pythia410m")
    parser.add_argument("--max_steps", type=int, default=20000)
    parser.add_argument("--save_every", type=int, default=1000)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    tokenizer.pad_token = tokenizer.eos_token
    data = load_dataset(args.dataset, split="train")
    loader = DataLoader(data, batch_size=8, shuffle=True, collate_fn=collate_pairs(tokenizer, 512))

    model = PairwiseRewardModel(args.base)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=0.01)
    scheduler = get_cosine_schedule_with_warmup(optimizer, 200, args.max_steps)

    step = 0
    resume_from = latest_checkpoint(args.output_dir)
    if resume_from is not None:
        step = load_training_state(resume_from, model, optimizer, scheduler)
        print(f"resumed from {resume_from} at step {step}")
    model.to(device)
    model.train()

    while step < args.max_steps:
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss, acc = model(**batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % 50 == 0:
                print(f"step {step} loss {loss.item():.4f} acc {acc.item():.3f}")
            if step % args.save_every == 0:
                os.makedirs(args.output_dir, exist_ok=True)
                save_training_state(os.path.join(args.output_dir, f"step_{step}.pt"),
                                    model, optimizer, scheduler, step)
            if step >= args.max_steps:
                break


if __name__ == "__main__":
    main()
