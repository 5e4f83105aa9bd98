# source: https://github.com/NVIDIA/DeepLearningExamples/issues/1146
# error: RuntimeError: "sin_vml_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, loader-loop
# bug-lines: 46
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
from pathlib import Path

import torch
from torch.nn.utils.rnn import pad_sequence

from models import load_and_setup_model

SYMBOLS = "_ abcdefghijklmnopqrstuvwxyz'.,?!"


def encode(text):
    return torch.LongTensor([SYMBOLS.index(c) + 1 for c in text.lower() if c in SYMBOLS])


def make_batches(lines, batch_size, device):
    seqs = [encode(line) for line in lines]
    for i in range(0, len(seqs), batch_size):
        yield pad_sequence(seqs[i:i + batch_size], batch_first=True).to(device)


def main():
    parser = argparse.ArgumentParser(description="text-to-mel inference")
    parser.add_argument("-i", "--input", required=True, help="text file, one phrase per line")
    parser.add_argument("-o", "--output", default="mels")
    parser.add_argument("--checkpoint", default=None)
    parser.add_argument("--cuda", action="store_true", help="run on a GPU")
    parser.add_argument("--amp", action="store_true", help="inference with AMP (fp16 weights)")
    parser.add_argument("-bs", "--batch-size", type=int, default=16)
    args = parser.parse_args()

    device = torch.device("cuda" if args.cuda else "cpu")
    generator = load_and_setup_model(args.checkpoint, args.amp, device)
    lines = [l.strip() for l in open(args.input, encoding="utf-8") if l.strip()]
    Path(args.output).mkdir(parents=True, exist_ok=True)
    idx = 0
    with torch.no_grad():
        for text in make_batches(lines, args.batch_size, device):
            mel = generator(text)
            for m in mel.float().cpu():
                torch.save(m, Path(args.output, f"mel_{idx:04d}.pt"))
                idx += 1
    print(f"wrote {idx} mel spectrograms to {args.output}")


if __name__ == "__main__":
    main()
