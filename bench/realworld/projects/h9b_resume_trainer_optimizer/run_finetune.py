# source: https://github.com/huggingface/transformers/pull/4450
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume fine-tuning the intent classifier from an earlier checkpoint directory."""
import argparse
import json

import torch

from model import IntentClassifier
from trainer import Trainer


def read_jsonl(path, vocab, label2id, max_len=64):
    rows = []
    with open(path) as f:
        for line in f:
            ex = json.loads(line)
            ids = [vocab.get(tok, 1) for tok in ex["text"].lower().split()][:max_len]
            rows.append((ids, label2id[ex["intent"]]))
    return rows


def collate(rows):
    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.zeros(len(rows), width, dtype=torch.long)
    for i, (ids, _) in enumerate(rows):
        input_ids[i, :len(ids)] = torch.tensor(ids)
    return {"input_ids": input_ids, "attention_mask": (input_ids != 0).long(),
            "labels": torch.tensor([lab for _, lab in rows])}


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--train-file", default="data/train.jsonl")
    p.add_argument("--vocab", default="data/vocab.json")
    p.add_argument("--labels", default="data/labels.json")
    p.add_argument("--resume-from", dest="resume_from", default="runs/intent/checkpoint-2000")
    p.add_argument("--output-dir", dest="output_dir", default="runs/intent/checkpoint-4000")
    p.add_argument("--learning-rate", dest="learning_rate", type=float, default=5e-4)
    p.add_argument("--weight-decay", dest="weight_decay", type=float, default=0.01)
    p.add_argument("--batch-size", dest="batch_size", type=int, default=64)
    p.add_argument("--max-steps", dest="max_steps", type=int, default=2000)
    p.add_argument("--max-grad-norm", dest="max_grad_norm", type=float, default=1.0)
    p.add_argument("--logging-steps", dest="logging_steps", type=int, default=100)
    p.add_argument("--no-cuda", dest="no_cuda", action="store_true")
    args = p.parse_args()

    vocab = json.load(open(args.vocab))
    label2id = {lab: i for i, lab in enumerate(json.load(open(args.labels)))}
    train_rows = read_jsonl(args.train_file, vocab, label2id)
    model = IntentClassifier.from_checkpoint(args.resume_from, vocab_size=len(vocab) + 2,
                                             num_labels=len(label2id))
    Trainer(model, args, train_rows, collate_fn=collate).train()
