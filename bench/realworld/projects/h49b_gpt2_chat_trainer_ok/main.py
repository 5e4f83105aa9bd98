# source: https://github.com/chenjunyi1999/ChatBot-GPT2/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# looks-like: optimizer-state-before-placement
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""python main.py --resume best_epoch=3   (continues fine-tuning a GPT-2 chatbot)"""
import argparse
import os

import torch
from torch.utils.data import DataLoader
from transformers import GPT2LMHeadModel, GPT2TokenizerFast, get_polynomial_decay_schedule_with_warmup

from dataset import DialogueTurns, PadCollate
from trainer import ChatTrainer

parser = argparse.ArgumentParser()
parser.add_argument("--model_name", default="gpt2")
parser.add_argument("--data_dir", default="data")
parser.add_argument("--ckpt_dir", default="saved_models")
parser.add_argument("--resume", default=None)
parser.add_argument("--epochs", type=int, default=5)
args = parser.parse_args()
os.makedirs(args.ckpt_dir, exist_ok=True)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
tokenizer = GPT2TokenizerFast.from_pretrained(args.model_name)
tokenizer.add_special_tokens({"bos_token": "<bos>", "additional_special_tokens": ["<sp1>", "<sp2>"]})
vocab = tokenizer.get_vocab()
sp1_id, sp2_id = vocab["<sp1>"], vocab["<sp2>"]

model = GPT2LMHeadModel.from_pretrained(args.model_name)
model.resize_token_embeddings(len(vocab))
model = model.to(device)
optim = torch.optim.AdamW(model.parameters(), lr=2e-5)

ids = (tokenizer.bos_token_id, tokenizer.eos_token_id, sp1_id, sp2_id)
train_set = DialogueTurns(os.path.join(args.data_dir, "train_ids.pickle"), *ids)
valid_set = DialogueTurns(os.path.join(args.data_dir, "valid_ids.pickle"), *ids)
collate = PadCollate(tokenizer.eos_token_id)
train_loader = DataLoader(train_set, batch_size=8, shuffle=True, collate_fn=collate, pin_memory=True)
valid_loader = DataLoader(valid_set, batch_size=8, collate_fn=collate, pin_memory=True)

total_steps = len(train_loader) * args.epochs
sched = get_polynomial_decay_schedule_with_warmup(optim, int(0.1 * total_steps), total_steps, power=2)
trainer = ChatTrainer(model, optim, sched, train_loader, valid_loader, device, args.ckpt_dir, args.resume)
trainer.train(args.epochs)
