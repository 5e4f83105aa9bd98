# source: https://github.com/yangjianxin1/GPT2-chitchat/issues/45
# error: RuntimeError: Expected object of device type cuda but got device type cpu for argument #3 'index' in call to _th_index_select
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict
# looks-like: inputs-not-moved
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Train a Chinese GPT-2 chit-chat model from scratch."""
import argparse
from functools import partial

import torch
from torch.utils.data import DataLoader
from transformers import BertTokenizerFast, GPT2Config, GPT2LMHeadModel

from data import DialogueDataset, collate_dialogues
from utils import build_logger, move_to_device, select_device


def train(model, loader, optimizer, device, epochs, logger):
    model.train()
    for epoch in range(epochs):
        for step, batch in enumerate(loader):
            batch = move_to_device(batch, device)
            outputs = model(input_ids=batch["input_ids"],
                            attention_mask=batch["attention_mask"],
                            labels=batch["labels"])
            optimizer.zero_grad()
            outputs.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 2.0)
            optimizer.step()
            if step % 100 == 0:
                logger.info("epoch %d step %d loss %.4f", epoch, step, outputs.loss.item())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gpu", type=int, default=None)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch_size", type=int, default=8)
    args = ap.parse_args()

    device = select_device(args.gpu)
    tokenizer = BertTokenizerFast.from_pretrained("bert-base-chinese")
    convs = [["你好", "你好呀，今天过得怎么样", "还不错"], ["在吗", "在的"]] * 64
    dataset = DialogueDataset(convs, tokenizer)
    loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True,
                        collate_fn=partial(collate_dialogues, pad_id=tokenizer.pad_token_id))
    model = GPT2LMHeadModel(GPT2Config(vocab_size=tokenizer.vocab_size, n_layer=6)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2.6e-5)
    train(model, loader, optimizer, device, args.epochs, build_logger("train.log"))


if __name__ == "__main__":
    main()
