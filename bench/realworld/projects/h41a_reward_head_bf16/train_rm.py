# source: https://github.com/shibing624/MedicalGPT/issues/456
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: c10::BFloat16 != float
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# bug-lines: 31
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
from functools import partial

import torch
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

from preference_data import PreferencePairs, collate_pairs
from reward_model import PairwiseRewardModel, pairwise_loss, preference_accuracy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name_or_path", default="Qwen/Qwen2.5-1.5B")
    parser.add_argument("--train_file", default="data/reward/train.jsonl")
    parser.add_argument("--batch_size", type=int, default=4)
    parser.add_argument("--lr", type=float, default=2e-5)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    backbone = AutoModel.from_pretrained(args.model_name_or_path, torch_dtype=torch.bfloat16)
    model = PairwiseRewardModel(backbone).to(device)

    dataset = PreferencePairs(args.train_file, tokenizer)
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True,
                        collate_fn=partial(collate_pairs, pad_id=tokenizer.pad_token_id))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)

    model.train()
    for step, batch in enumerate(loader):
        batch = {k: v.to(device) for k, v in batch.items()}
        rewards = model(**batch)
        n = rewards.size(0) // 2
        loss = pairwise_loss(rewards[:n], rewards[n:])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            acc = preference_accuracy(rewards[:n], rewards[n:])
            print(f"step {step} loss {loss.item():.4f} acc {acc:.3f}")
    torch.save(model.state_dict(), "reward_model.pt")


if __name__ == "__main__":
    main()
