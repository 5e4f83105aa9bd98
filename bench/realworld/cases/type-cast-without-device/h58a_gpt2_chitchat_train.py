# source: https://github.com/yangjianxin1/GPT2-chitchat/issues/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: type-cast-without-device
# shape: helper, loader-loop, batch-dict
# bug-lines: 47, 48
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run

import argparse

import numpy as np
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset
from transformers import BertTokenizerFast, GPT2LMHeadModel


class DialogueDataset(Dataset):
    def __init__(self, path, tokenizer, max_len=150):
        self.samples = []
        with open(path, encoding="utf-8") as f:
            for dialogue in f.read().strip().split("\n\n"):
                ids = [tokenizer.cls_token_id]
                for utterance in dialogue.split("\n"):
                    ids += tokenizer.encode(utterance, add_special_tokens=False) + [tokenizer.sep_token_id]
                self.samples.append(np.array(ids[:max_len]))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return self.samples[idx]


def collate_fn(batch):
    seqs = [torch.from_numpy(x) for x in batch]
    return {
        "input_ids": pad_sequence(seqs, batch_first=True, padding_value=0),
        "labels": pad_sequence(seqs, batch_first=True, padding_value=-100),
    }


def to_model_inputs(batch, device):
    input_ids = batch["input_ids"].to(device)
    labels = batch["labels"].to(device)
    # numpy gives int32 ids on Windows, the embedding wants int64
    input_ids = input_ids.type(torch.LongTensor)
    labels = labels.type(torch.LongTensor)
    return input_ids, labels


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() and not args.no_cuda else "cpu")
    tokenizer = BertTokenizerFast(vocab_file=args.vocab_path)
    model = GPT2LMHeadModel.from_pretrained(args.pretrained_model).to(device)
    loader = DataLoader(DialogueDataset(args.train_path, tokenizer), batch_size=args.batch_size,
                        shuffle=True, collate_fn=collate_fn)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    model.train()
    for epoch in range(args.epochs):
        for step, batch in enumerate(loader):
            input_ids, labels = to_model_inputs(batch, device)
            loss = model(input_ids=input_ids, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
        model.save_pretrained(f"{args.output_dir}/epoch{epoch + 1}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--vocab_path", default="vocab/vocab.txt")
    p.add_argument("--train_path", default="data/train.txt")
    p.add_argument("--pretrained_model", default="uer/gpt2-chinese-cluecorpussmall")
    p.add_argument("--output_dir", default="model")
    p.add_argument("--batch_size", type=int, default=8)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--lr", type=float, default=2.6e-5)
    p.add_argument("--no_cuda", action="store_true")
    train(p.parse_args())
