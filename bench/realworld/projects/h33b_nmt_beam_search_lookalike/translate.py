# source: https://github.com/joeynmt/joeynmt/pull/21
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from model import AttentionDecoder, RecurrentEncoder
from search import beam_search

PAD, UNK, BOS, EOS = 0, 1, 2, 3


def read_vocab(path):
    with open(path, encoding="utf-8") as f:
        itos = [line.rstrip("\n") for line in f]
    return {w: i for i, w in enumerate(itos)}, itos


def make_loader(path, stoi, batch_size):
    with open(path, encoding="utf-8") as f:
        data = [torch.tensor([stoi.get(w, UNK) for w in line.split()] + [EOS]) for line in f if line.strip()]
    return DataLoader(data, batch_size=batch_size, collate_fn=lambda b: pad_sequence(b, batch_first=True))


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() and not args.cpu else "cpu")
    src_stoi, _ = read_vocab(args.src_vocab)
    _, trg_itos = read_vocab(args.trg_vocab)
    ckpt = torch.load(args.ckpt, map_location=device)
    encoder = RecurrentEncoder(len(src_stoi)).to(device).eval()
    decoder = AttentionDecoder(len(trg_itos)).to(device).eval()
    encoder.load_state_dict(ckpt["encoder"])
    decoder.load_state_dict(ckpt["decoder"])
    for src in make_loader(args.input, src_stoi, args.batch_size):
        src = src.to(device)
        src_mask = (src != PAD).unsqueeze(1)
        enc_out, enc_hidden = encoder(src, src_mask)
        hyps, _ = beam_search(decoder, args.beam, BOS, EOS, enc_out, enc_hidden, src_mask)
        for row in hyps.tolist():
            row = row[: row.index(EOS)] if EOS in row else row
            print(" ".join(trg_itos[t] for t in row))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    for name in ("--ckpt", "--src_vocab", "--trg_vocab", "--input"):
        p.add_argument(name, required=True)
    p.add_argument("--beam", type=int, default=5)
    p.add_argument("--batch_size", type=int, default=32)
    p.add_argument("--cpu", action="store_true")
    main(p.parse_args())
