# source: https://github.com/microsoft/unilm/issues/489
# error: RuntimeError: "pow" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper, loader-loop
# bug-lines: 48, 67
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Predict reading order for OCR'd pages with a fine-tuned LayoutLM token classifier."""
import argparse
import json

import torch
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, LayoutLMForTokenClassification


def parse_args():
    p = argparse.ArgumentParser("reading-order decoding")
    p.add_argument("--model_path", required=True)
    p.add_argument("--input_file", required=True)
    p.add_argument("--output_file", default="reading_order.jsonl")
    p.add_argument("--batch_size", type=int, default=8)
    p.add_argument("--max_len", type=int, default=512)
    p.add_argument("--fp16", action="store_true", help="decode in half precision")
    p.add_argument("--no_cuda", action="store_true")
    return p.parse_args()


def load_pages(path, tokenizer, max_len):
    feats = []
    with open(path) as f:
        for line in f:
            page = json.loads(line)
            enc = tokenizer(page["words"], is_split_into_words=True, truncation=True,
                            max_length=max_len, padding="max_length")
            boxes = [[0, 0, 0, 0] if w is None else page["boxes"][w] for w in enc.word_ids()]
            feats.append({
                "input_ids": torch.tensor(enc["input_ids"]),
                "attention_mask": torch.tensor(enc["attention_mask"]),
                "bbox": torch.tensor(boxes),
            })
    return feats


def build_decoder(args):
    model = LayoutLMForTokenClassification.from_pretrained(args.model_path)
    if args.fp16:
        model.half()
    model.eval()
    return model


def main():
    args = parse_args()
    use_cuda = torch.cuda.is_available() and not args.no_cuda
    device = torch.device("cuda" if use_cuda else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.model_path)
    model = build_decoder(args)
    model.to(device)

    loader = DataLoader(load_pages(args.input_file, tokenizer, args.max_len),
                        batch_size=args.batch_size)
    orders = []
    with torch.no_grad():
        for batch in loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(**batch).logits
            orders.extend(logits.argmax(-1).cpu().tolist())

    with open(args.output_file, "w") as out:
        for order in orders:
            out.write(json.dumps(order) + "\n")


if __name__ == "__main__":
    main()
