# source: https://github.com/rskmoi/namedivider-python/pull/45
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, class, multi-file
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse
import csv
import json
import sys

from divider import DEFAULT_MODEL, BertNameDivider


def parse_args():
    parser = argparse.ArgumentParser(description="Split Japanese full names into family and given names.")
    parser.add_argument("input", help="text file with one undivided name per line, or '-' for stdin")
    parser.add_argument("--model", default=str(DEFAULT_MODEL))
    parser.add_argument("--vocab", default="vocab.json")
    parser.add_argument("--output", default="divided.csv")
    return parser.parse_args()


def read_names(path):
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with stream:
        return [line.strip() for line in stream if line.strip()]


def main():
    args = parse_args()
    with open(args.vocab, encoding="utf-8") as f:
        vocab = json.load(f)
    # batch job on a CPU-only server; the model file was exported on a GPU workstation
    divider = BertNameDivider(model_path=args.model, vocab=vocab, device="cpu")
    with open(args.output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["undivided", "family", "given", "score"])
        for name in read_names(args.input):
            result = divider.divide_name(name)
            writer.writerow([name, result.family, result.given, f"{result.score:.4f}"])
            print(result)


if __name__ == "__main__":
    main()
