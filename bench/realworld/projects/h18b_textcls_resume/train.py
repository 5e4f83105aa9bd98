# source: https://github.com/taishan1994/pytorch_bert_chinese_text_classification/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, multi-file, loader-loop
# bug-lines: 48
# needs: torch
# cpu: no written where torch was not installed; not run

import argparse

import torch
from torch.utils.data import DataLoader, Dataset

from model import TextCNN
from trainer import Trainer


class ToyNewsDataset(Dataset):
    def __init__(self, n, vocab_size, seq_len, num_classes):
        g = torch.Generator().manual_seed(n)
        self.tokens = torch.randint(1, vocab_size, (n, seq_len), generator=g)
        self.labels = torch.randint(0, num_classes, (n,), generator=g)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"token_ids": self.tokens[i], "labels": self.labels[i]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu_ids", default="0")
    parser.add_argument("--retrain", action="store_true")
    parser.add_argument("--ckpt", default="checkpoints/best.pt")
    args = parser.parse_args()
    device = torch.device("cpu" if args.gpu_ids == "-1" else f"cuda:{args.gpu_ids.split(',')[0]}")

    train_loader = DataLoader(ToyNewsDataset(5000, 20000, 256, 10), batch_size=64, shuffle=True)
    dev_loader = DataLoader(ToyNewsDataset(500, 20000, 256, 10), batch_size=128)

    model = TextCNN(vocab_size=20000, num_classes=10)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    start_epoch = 0
    if args.retrain:
        checkpoint = torch.load(args.ckpt, map_location="cpu")
        model.load_state_dict(checkpoint["state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer"])
        start_epoch = checkpoint["epoch"] + 1
        print(f"resuming from epoch {start_epoch}")

    trainer = Trainer(model, optimizer, train_loader, dev_loader, device, epochs=5)
    trainer.train(start_epoch=start_epoch, ckpt_path=args.ckpt)


if __name__ == "__main__":
    main()
