# source: https://github.com/allenai/allennlp/issues/1175
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, loader-loop
# bug-lines: 44, 47
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train (or --recover) the de->en Transformer."""
import argparse

import torch
import torch.nn as nn

from h51b_checkpoint import restore_checkpoint, save_checkpoint
from h51b_model import Seq2SeqTransformer
from nmt_data import build_vocabs, make_loader


def run_epoch(model, loader, optimizer, criterion, device):
    model.train()
    for src, tgt in loader:
        src, tgt = src.to(device), tgt.to(device)
        logits = model(src, tgt[:, :-1])
        loss = criterion(logits.reshape(-1, logits.size(-1)), tgt[:, 1:].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-s", "--serialization-dir", required=True)
    parser.add_argument("--recover", action="store_true")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()

    src_vocab, tgt_vocab = build_vocabs("data/train.de", "data/train.en")
    loader = make_loader("data/train.de", "data/train.en", src_vocab, tgt_vocab, batch_size=64)
    model = Seq2SeqTransformer(len(src_vocab), len(tgt_vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4, betas=(0.9, 0.98))
    start_epoch = 0
    if args.recover:
        start_epoch = restore_checkpoint(args.serialization_dir, model, optimizer)

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    criterion = nn.CrossEntropyLoss(ignore_index=1, label_smoothing=0.1)
    for epoch in range(start_epoch, args.epochs):
        run_epoch(model, loader, optimizer, criterion, device)
        save_checkpoint(args.serialization_dir, epoch, model, optimizer)


if __name__ == "__main__":
    main()
