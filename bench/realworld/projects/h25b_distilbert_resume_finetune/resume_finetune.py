# source: https://github.com/Lightning-AI/pytorch-lightning/issues/19955
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop, batch-dict
# looks-like: optimizer-state-before-placement
# needs: torch, transformers, datasets
# cpu: no written where torch was not installed; not run
"""Resume an interrupted fine-tuning run from runs/<name>/last.pt."""
import argparse

import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import get_linear_schedule_with_warmup

from classifier import TopicClassifier, load_tokenizer, make_collate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="runs/ag_news/last.pt")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch_size", type=int, default=32)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    train_set = load_dataset("ag_news", split="train")
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                        collate_fn=make_collate(load_tokenizer()))

    ckpt = torch.load(args.ckpt, map_location="cpu")
    model = TopicClassifier(num_labels=4)
    model.load_state_dict(ckpt["model"])
    model.to(device)

    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
    optimizer.load_state_dict(ckpt["optimizer"])
    scheduler = get_linear_schedule_with_warmup(optimizer, 500, args.epochs * len(loader))
    scheduler.load_state_dict(ckpt["scheduler"])

    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(ckpt["epoch"] + 1, args.epochs):
        model.train()
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch["input_ids"], batch["attention_mask"])
            loss = loss_fn(logits, batch["labels"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(),
                    "scheduler": scheduler.state_dict(), "epoch": epoch}, args.ckpt)
        print(f"epoch {epoch} done, last loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
