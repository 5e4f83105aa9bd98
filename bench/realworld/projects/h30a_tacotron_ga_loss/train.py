# source: https://github.com/mozilla/TTS/issues/491
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, loader-loop, helper
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from losses import TacotronLoss
from model import Tacotron2Lite

use_cuda = torch.cuda.is_available()


def collate(items):
    texts = [torch.tensor(t, dtype=torch.long) for t, _ in items]
    mels = [torch.tensor(m, dtype=torch.float32) for _, m in items]
    text_lengths = torch.tensor([len(t) for t in texts])
    mel_lengths = torch.tensor([len(m) for m in mels])
    return (pad_sequence(texts, batch_first=True), text_lengths,
            pad_sequence(mels, batch_first=True), mel_lengths)


def train(model, criterion, optimizer, loader, global_step):
    model.train()
    for text_input, text_lengths, mel_input, mel_lengths in loader:
        if use_cuda:
            text_input = text_input.cuda(non_blocking=True)
            text_lengths = text_lengths.cuda(non_blocking=True)
            mel_input = mel_input.cuda(non_blocking=True)
            mel_lengths = mel_lengths.cuda(non_blocking=True)
        optimizer.zero_grad()
        mel_out, postnet_out, alignments = model(text_input, text_lengths, mel_input)
        loss_dict = criterion(mel_out, postnet_out, mel_input, alignments,
                              text_lengths, mel_lengths)
        loss_dict["loss"].backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        global_step += 1
        if global_step % 25 == 0:
            print(f"step {global_step}: loss={loss_dict['loss'].item():.4f} "
                  f"ga={loss_dict['ga_loss'].item():.4f}")
    return global_step


def main(args):
    dataset = torch.load(args.data_path)          # list of (phoneme ids, mel frames)
    loader = DataLoader(dataset, batch_size=32, shuffle=True, collate_fn=collate)
    model = Tacotron2Lite()
    criterion = TacotronLoss(ga_alpha=5.0)
    if use_cuda:
        model = model.cuda()
        criterion = criterion.cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-6)
    global_step = 0
    for epoch in range(args.epochs):
        global_step = train(model, criterion, optimizer, loader, global_step)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data_path", default="ljspeech_phonemes.pt")
    parser.add_argument("--epochs", type=int, default=1000)
    main(parser.parse_args())
