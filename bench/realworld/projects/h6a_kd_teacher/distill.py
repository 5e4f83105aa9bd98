# source: https://github.com/HoyTta0/KnowledgeDistillation/issues/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument target in method wrapper_CUDA_nll_loss_forward)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
import argparse
import os

import torch
from torch.utils.data import DataLoader, TensorDataset
from transformers import BertTokenizer

from models import BertTeacher
from teacher import teacher_predict, teacher_train


class Config:
    def __init__(self, args):
        self.bert_dir = args.bert_dir
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.learning_rate = 2e-5
        self.teacher_epochs = args.epochs
        self.eval_every = 50
        self.pad_size = 32
        self.num_classes = args.num_classes
        self.teacher_ckpt = os.path.join("saved", "teacher.ckpt")


def encode_file(tokenizer, path, pad_size):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text, label = line.rstrip("\n").rsplit("\t", 1)
            texts.append(text)
            labels.append(int(label))
    enc = tokenizer(texts, padding="max_length", truncation=True,
                    max_length=pad_size, return_tensors="pt")
    return TensorDataset(enc["input_ids"], enc["attention_mask"], torch.tensor(labels))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bert_dir", default="bert_pretrain")
    parser.add_argument("--train", default="data/train.tsv")
    parser.add_argument("--dev", default="data/dev.tsv")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--num_classes", type=int, default=10)
    args = parser.parse_args()
    config = Config(args)
    os.makedirs("saved", exist_ok=True)

    tokenizer = BertTokenizer.from_pretrained(config.bert_dir)
    train_set = encode_file(tokenizer, args.train, config.pad_size)
    dev_set = encode_file(tokenizer, args.dev, config.pad_size)
    train_loader = DataLoader(train_set, batch_size=32, shuffle=True)
    dev_loader = DataLoader(dev_set, batch_size=64)

    teacher = BertTeacher(config.bert_dir, config.num_classes).to(config.device)
    teacher_train(teacher, config, train_loader, dev_loader)

    plain_loader = DataLoader(train_set, batch_size=64, shuffle=False)
    soft_targets = teacher_predict(teacher, config, plain_loader)
    torch.save(torch.cat(soft_targets).cpu(), os.path.join("saved", "teacher_logits.pt"))


if __name__ == "__main__":
    main()
